import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/domain';
import { textHash } from '$lib/search/semantic/record-text';
import { SemanticEngine } from '$lib/search/semantic/semantic-engine';
import { deleteVectorStore, openVectorStore, vectorDatabaseName, type StoredVectors } from '$lib/search/semantic/vector-store';
import { quantizeRows } from '$lib/search/semantic/vector-quantization';
import { dequantizeRows } from './dequantize';
import { FakeEmbeddings } from './fake-embeddings';
import { dot } from './seeded-vectors';

const api = { indexedDB, IDBKeyRange };
const MODEL = 'test/model-a';

/** Writes entries as the previous release did: database version 1, float32 rows under `vectors`. */
async function writeFloat32Store(siteId: string, entries: { id: string; modelId: string; textHash: string; dims: number; vectors: Float32Array }[]) {
  const request = indexedDB.open(vectorDatabaseName(siteId), 1);
  request.onupgradeneeded = () => request.result.createObjectStore('vectors', { keyPath: 'id' });
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const transaction = db.transaction('vectors', 'readwrite');
  for (const entry of entries) transaction.objectStore('vectors').put(entry);
  await new Promise((resolve) => (transaction.oncomplete = resolve));
  db.close();
}

async function everyPage(siteId: string, size: number): Promise<StoredVectors[][]> {
  const store = await openVectorStore(api, siteId);
  const pages: StoredVectors[][] = [];
  for await (const page of store.pages(size)) pages.push(page);
  store.close();
  return pages;
}

describe('openVectorStore', () => {
  it('converts the previous release\'s float32 entries to int8 on upgrade, keeping what they were computed from', async () => {
    const siteId = uuidv7();
    const vectors = Float32Array.from(new FakeEmbeddings(8).vector('roof repair at the depot'));
    await writeFloat32Store(siteId, [{ id: 'r1', modelId: MODEL, textHash: 'hash-1', dims: 8, vectors }]);

    const [[entry]] = await everyPage(siteId, 10);
    expect(entry).not.toHaveProperty('vectors');
    expect(entry).toMatchObject({ id: 'r1', modelId: MODEL, textHash: 'hash-1', dims: 8 });
    expect(entry.codes).toBeInstanceOf(Int8Array);
    const restored = dequantizeRows(entry, 8);
    vectors.forEach((value, i) => expect(Math.abs(value - restored[i])).toBeLessThanOrEqual(entry.scales[0] / 2 + 1e-7));
  });

  it('lets the engine search converted vectors without embedding the record again', async () => {
    const siteId = uuidv7();
    const embeddings = new FakeEmbeddings();
    const text = 'roof repair at the depot';
    await writeFloat32Store(siteId, [
      { id: 'r1', modelId: MODEL, textHash: await textHash(text), dims: embeddings.dims, vectors: Float32Array.from(embeddings.vector(text)) }
    ]);
    const engine = new SemanticEngine({
      embeddings,
      modelId: MODEL,
      stores: { open: (id) => openVectorStore(api, id), delete: (id) => deleteVectorStore(indexedDB, id) }
    });
    await engine.updateRecords(siteId, [{ id: 'r1', text, updatedAt: '2026-01-01T00:00:00.000Z' }]);
    await engine.whenIdle();
    expect(embeddings.embedded).toEqual([]);
    expect(engine.progress()).toEqual({ done: 1, total: 1 });
    const [hit] = await engine.search({ siteIds: [siteId], query: 'depot roof repair', k: 5, floor: 0.5 });
    expect(hit).toMatchObject({ id: 'r1', siteId, passage: 0 });
    expect(hit.score).toBeCloseTo(dot(embeddings.vector(text), embeddings.vector('depot roof repair')), 2);
  });

  it('reads every entry once, in pages of the size asked, in key order', async () => {
    const siteId = uuidv7();
    const store = await openVectorStore(api, siteId);
    const ids = Array.from({ length: 25 }, (_, n) => `id-${String(n).padStart(2, '0')}`);
    await store.putMany(ids.map((id) => ({ id, modelId: MODEL, textHash: id, dims: 2, codes: Int8Array.of(127, 0), scales: Float32Array.of(1 / 127) })));
    expect(await store.count()).toBe(25);
    store.close();

    const pages = await everyPage(siteId, 10);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat().map((entry) => entry.id)).toEqual(ids);
    expect((await everyPage(siteId, 25)).map((page) => page.length)).toEqual([25]);
  });

  it('gives the engine a site larger than one page whole: every entry current and ranked', async () => {
    const siteId = uuidv7();
    const embeddings = new FakeEmbeddings(8);
    const records = Array.from({ length: 2500 }, (_, n) => ({ id: `r${n}`, text: `record ${n}`, updatedAt: '2026-01-01T00:00:00.000Z' }));
    const store = await openVectorStore(api, siteId);
    const vector = Float32Array.from(embeddings.vector('record'));
    await store.putMany(
      await Promise.all(records.map(async ({ id, text }) => ({ id, modelId: MODEL, textHash: await textHash(text), dims: 8, ...quantizeRows(vector, 8) })))
    );
    store.close();

    const engine = new SemanticEngine({ embeddings, modelId: MODEL, stores: { open: (id) => openVectorStore(api, id), delete: (id) => deleteVectorStore(indexedDB, id) } });
    await engine.updateRecords(siteId, records);
    await engine.whenIdle();
    expect(embeddings.embedded).toEqual([]);
    expect(engine.progress()).toEqual({ done: 2500, total: 2500 });
    const hits = await engine.search({ siteIds: [siteId], query: 'record', k: 5000, floor: -1 });
    expect(new Set(hits.map((hit) => hit.id))).toEqual(new Set(records.map((record) => record.id)));
  });
});
