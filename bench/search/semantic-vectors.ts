import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { quantizeRows } from '../../src/lib/search/semantic/vector-quantization';
import type { StoredVectors, VectorStore } from '../../src/lib/search/semantic/vector-store';
import type { VectorStores } from '../../src/lib/search/semantic/semantic-engine';
import type { Float32Record } from '../../tests/unit/search/semantic/float32-recall';
import { normalFrom, seededRandom } from '../../tests/unit/search/semantic/seeded-vectors';
import type { Float32Entry } from './semantic-float32';

// Each tiled copy is its source plus this much noise per number, normalised again: a cosine of
// about 0.91 with the source (512 numbers), so copies are near each other without being equal, as
// a large site's many visits on one subject are. Equal copies would make recall meaningless.
const NOISE = 0.02;
const SEED = 17;

/** `count` records' float32 vectors, each a noisy copy of a real one under its own id. */
export function tiledRecords(sample: Float32Record[], options: { count: number; dims: number }): Float32Record[] {
  const { count, dims } = options;
  const random = normalFrom(seededRandom(SEED));
  return Array.from({ length: count }, (_, index) => {
    const source = sample[index % sample.length];
    const vectors = Float32Array.from(source.vectors, (value) => value + NOISE * random());
    // Shaped and ordered like the app's uuidv7 ids, so the store's pages mix the sample's records as a site's do.
    return { id: `0190c0de-0000-7000-8000-${index.toString(16).padStart(12, '0')}`, vectors: normaliseRows(vectors, dims) };
  });
}

/** The same records as both stores would hold them: the previous release's float32, and int8. */
export function storedForms(records: Float32Record[], options: { dims: number; modelId: string }): { float32: Float32Entry[]; int8: StoredVectors[] } {
  const { dims, modelId } = options;
  // A SHA-256 in hex, as the app stores: its length and spread matter to the memory figures.
  const textHash = (index: number) => createHash('sha256').update(String(index)).digest('hex');
  return {
    float32: records.map(({ id, vectors }, index) => ({ id, modelId, textHash: textHash(index), dims, vectors })),
    int8: records.map(({ id, vectors }, index) => ({ id, modelId, textHash: textHash(index), dims, ...quantizeRows(vectors, dims) }))
  };
}

/** A store's entries as IndexedDB keeps them on disk: serialized, in id order, a block at a time. */
export interface SerializedEntries {
  count: number;
  blocks: Buffer[];
}

// Small enough that any page size the engine asks for costs at most one block more than it needs.
const BLOCK = 100;

export function serializeEntries(entries: readonly StoredVectors[]): SerializedEntries {
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const blocks: Buffer[] = [];
  for (let start = 0; start < sorted.length; start += BLOCK) blocks.push(serialize(sorted.slice(start, start + BLOCK)));
  return { count: sorted.length, blocks };
}

/**
 * A vector store in memory: each page read deserializes its entries, as IndexedDB does, so the
 * engine's load and memory figures count what they would in the app, and the store's own copy is
 * a few buffers rather than objects that slow every collection of the engine's heap.
 */
export function memoryStores(stored: SerializedEntries = { count: 0, blocks: [] }, written: StoredVectors[] = []): VectorStores {
  const store: VectorStore = {
    count: async () => stored.count,
    async *pages(size) {
      let page: StoredVectors[] = [];
      for (const block of stored.blocks) {
        page.push(...(deserialize(block) as StoredVectors[]));
        if (page.length < size) continue;
        yield page.slice(0, size);
        page = page.slice(size);
      }
      if (page.length > 0) yield page;
    },
    putMany: async (put) => void written.push(...put),
    deleteMany: async () => undefined,
    close: () => undefined
  };
  return { open: async () => store, delete: async () => undefined };
}

export function storeBytes(entries: readonly (Float32Entry | StoredVectors)[]): number {
  return entries.reduce((sum, entry) => {
    const vectors = 'vectors' in entry ? entry.vectors.byteLength : entry.codes.byteLength + entry.scales.byteLength;
    return sum + vectors + 2 * (entry.id.length + entry.modelId.length + entry.textHash.length);
  }, 0);
}

function normaliseRows(values: Float32Array, dims: number): Float32Array {
  for (let offset = 0; offset < values.length; offset += dims) {
    const row = values.subarray(offset, offset + dims);
    const length = Math.hypot(...row);
    for (let i = 0; i < dims; i += 1) row[i] /= length;
  }
  return values;
}
