import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '$lib/domain';
import { SemanticEngine, type VectorStores } from '$lib/search/semantic/semantic-engine';
import { deleteVectorStore, openVectorStore } from '$lib/search/semantic/vector-store';
import { FakeEmbeddings } from './fake-embeddings';

const stores: VectorStores = {
  open: (siteId) => openVectorStore({ indexedDB, IDBKeyRange }, siteId),
  delete: (siteId) => deleteVectorStore(indexedDB, siteId)
};

function engineFor(modelId = 'test/model-a', embeddings = new FakeEmbeddings()) {
  const engine = new SemanticEngine({ embeddings, modelId, stores, batchSize: 2 });
  return { engine, embeddings };
}

const record = (id: string, text: string, updatedAt = '2026-01-01T00:00:00.000Z') => ({ id, text, updatedAt });

async function indexed(engine: SemanticEngine, siteId: string, records: ReturnType<typeof record>[]) {
  await engine.updateRecords(siteId, records);
  await engine.whenIdle();
}

describe('SemanticEngine', () => {
  it('finds records by similarity, above the floor, across sites', async () => {
    const [siteA, siteB] = [uuidv7(), uuidv7()];
    const { engine } = engineFor();
    await indexed(engine, siteA, [record('a1', 'school board budget talks'), record('a2', 'roof repair at the depot')]);
    await indexed(engine, siteB, [record('b1', 'budget for the school year')]);
    const hits = await engine.search({ siteIds: [siteA, siteB], query: 'school budget', k: 10, floor: 0.3 });
    expect(hits.map((hit) => [hit.siteId, hit.id])).toEqual([
      [siteA, 'a1'],
      [siteB, 'b1']
    ]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('reports progress as records are embedded', async () => {
    const siteId = uuidv7();
    const seen: string[] = [];
    const engine = new SemanticEngine({
      embeddings: new FakeEmbeddings(),
      modelId: 'test/model-a',
      stores,
      batchSize: 2,
      onProgress: ({ done, total }) => seen.push(`${done}/${total}`)
    });
    await indexed(engine, siteId, [record('1', 'one'), record('2', 'two'), record('3', 'three')]);
    expect(seen.at(-1)).toBe('3/3');
    expect(seen).toContain('0/3');
    expect(seen).toContain('2/3');
    expect(engine.progress()).toEqual({ done: 3, total: 3 });
  });

  it('embeds the newest records first', async () => {
    const siteId = uuidv7();
    const { engine, embeddings } = engineFor();
    await indexed(engine, siteId, [
      record('old', 'oldest', '2024-01-01T00:00:00.000Z'),
      record('new', 'newest', '2026-01-01T00:00:00.000Z'),
      record('mid', 'middle', '2025-01-01T00:00:00.000Z')
    ]);
    expect(embeddings.embedded).toEqual(['newest', 'middle', 'oldest']);
  });

  it('re-embeds a record only when its text changes', async () => {
    const siteId = uuidv7();
    const { engine, embeddings } = engineFor();
    await indexed(engine, siteId, [record('1', 'garden visit'), record('2', 'budget talks')]);
    await indexed(engine, siteId, [record('1', 'garden visit'), record('2', 'budget talks with the board')]);
    expect(embeddings.embedded).toEqual(['garden visit', 'budget talks', 'budget talks with the board']);
    const [hit] = await engine.search({ siteIds: [siteId], query: 'board', k: 1, floor: 0.1 });
    expect(hit.id).toBe('2');
  });

  it('keeps vectors across a restart and embeds nothing again for unchanged text', async () => {
    const siteId = uuidv7();
    await indexed(engineFor().engine, siteId, [record('1', 'garden visit')]);
    const { engine, embeddings } = engineFor();
    await indexed(engine, siteId, [record('1', 'garden visit')]);
    expect(embeddings.embedded).toEqual([]);
    expect(engine.progress()).toEqual({ done: 1, total: 1 });
    expect((await engine.search({ siteIds: [siteId], query: 'garden', k: 1, floor: 0.1 }))[0].id).toBe('1');
  });

  it('re-embeds every record when the model changes, and never mixes the two models', async () => {
    const siteId = uuidv7();
    await indexed(engineFor('test/model-a').engine, siteId, [record('1', 'garden visit'), record('2', 'budget talks')]);
    // Another model, of another size: its vectors must not be compared with the old ones.
    const { engine, embeddings } = engineFor('test/model-b', new FakeEmbeddings(384));
    await engine.updateRecords(siteId, [record('1', 'garden visit'), record('2', 'budget talks')]);
    expect(engine.progress()).toEqual({ done: 0, total: 2 });
    await engine.whenIdle();
    expect(embeddings.embedded.sort()).toEqual(['budget talks', 'garden visit']);
    expect((await engine.search({ siteIds: [siteId], query: 'garden', k: 1, floor: 0.1 }))[0].id).toBe('1');
  });

  it('forgets removed records', async () => {
    const siteId = uuidv7();
    const { engine } = engineFor();
    await indexed(engine, siteId, [record('1', 'garden visit'), record('2', 'garden party')]);
    await engine.removeRecords(siteId, ['1']);
    const hits = await engine.search({ siteIds: [siteId], query: 'garden', k: 10, floor: 0.1 });
    expect(hits.map((hit) => hit.id)).toEqual(['2']);
    expect(engine.progress()).toEqual({ done: 1, total: 1 });
  });

  it('drops records a full scan no longer sees', async () => {
    const siteId = uuidv7();
    await indexed(engineFor().engine, siteId, [record('1', 'garden visit'), record('2', 'garden party')]);
    const { engine } = engineFor();
    await engine.beginScan(siteId);
    await engine.updateRecords(siteId, [record('2', 'garden party')]);
    await engine.endScan(siteId);
    const hits = await engine.search({ siteIds: [siteId], query: 'garden', k: 10, floor: 0.1 });
    expect(hits.map((hit) => hit.id)).toEqual(['2']);
  });

  it('does not store vectors of a text replaced while it was being embedded', async () => {
    const siteId = uuidv7();
    const { engine, embeddings } = engineFor();
    await engine.updateRecords(siteId, [record('1', 'first words')]);
    await engine.updateRecords(siteId, [record('1', 'second words')]);
    await engine.whenIdle();
    expect(embeddings.embedded.at(-1)).toBe('second words');
    expect(engine.progress()).toEqual({ done: 1, total: 1 });
    const [hit] = await engine.search({ siteIds: [siteId], query: 'second', k: 1, floor: 0.1 });
    expect(hit.id).toBe('1');
  });

  it('deletes a dropped site from the device', async () => {
    const siteId = uuidv7();
    const { engine } = engineFor();
    await indexed(engine, siteId, [record('1', 'garden visit')]);
    await engine.dropSite(siteId);
    const databases = await indexedDB.databases();
    expect(databases.map((database) => database.name)).not.toContain(`ims-vectors-${siteId}`);
    const { engine: fresh, embeddings } = engineFor();
    await indexed(fresh, siteId, [record('1', 'garden visit')]);
    expect(embeddings.embedded).toEqual(['garden visit']);
  });

  it('reports a failure of the model and stops indexing', async () => {
    const siteId = uuidv7();
    const embeddings = new FakeEmbeddings();
    embeddings.embedDocuments = async () => {
      throw new Error('out of memory');
    };
    const { engine } = engineFor('test/model-a', embeddings);
    await indexed(engine, siteId, [record('1', 'garden visit')]);
    expect(engine.progress()).toEqual({ done: 0, total: 1, error: 'out of memory' });
  });
});
