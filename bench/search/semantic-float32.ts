import { deserialize, serialize } from 'node:v8';

/**
 * The previous release's meaning index, kept as the benchmark's same-run baseline: float32 rows,
 * every entry read from the store at once, every row scored against the query.
 */
export interface Float32Entry {
  id: string;
  modelId: string;
  textHash: string;
  dims: number;
  vectors: Float32Array;
}

export interface Float32Index {
  dims: number;
  rows: Float32Array;
  rowOwners: Uint32Array;
  ids: string[];
  /** The entries as read, their vectors now views into `rows`, as that release kept them. */
  entries: Map<string, Float32Entry>;
}

/** All entries serialized together, as the store held them for one `getAll`. */
export function serializeFloat32(entries: readonly Float32Entry[]): Buffer {
  return serialize(entries);
}

/** Reads the entries as one `getAll` did (deserializing all of them) and packs their rows. */
export function loadFloat32Index(stored: Buffer): Float32Index {
  const entries = deserialize(stored) as Float32Entry[];
  const dims = entries[0].dims;
  const rowCount = entries.reduce((sum, entry) => sum + entry.vectors.length / dims, 0);
  const rows = new Float32Array(rowCount * dims);
  const rowOwners = new Uint32Array(rowCount);
  let row = 0;
  entries.forEach((entry, owner) => {
    const count = entry.vectors.length / dims;
    rows.set(entry.vectors, row * dims);
    rowOwners.fill(owner, row, row + count);
    entry.vectors = rows.subarray(row * dims, (row + count) * dims);
    row += count;
  });
  return { dims, rows, rowOwners, ids: entries.map((entry) => entry.id), entries: new Map(entries.map((entry) => [entry.id, entry])) };
}

/** The ids of the k records whose best chunk is most similar to the query, exactly, best first. */
export function rankFloat32(index: Float32Index, query: Float32Array, { k, floor }: { k: number; floor: number }): string[] {
  const { dims, rows, rowOwners, ids } = index;
  const best = new Float32Array(ids.length).fill(-Infinity);
  const unrolled = dims - (dims % 4);
  for (let row = 0; row < rowOwners.length; row += 1) {
    const offset = row * dims;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < unrolled; i += 4) {
      a += rows[offset + i] * query[i];
      b += rows[offset + i + 1] * query[i + 1];
      c += rows[offset + i + 2] * query[i + 2];
      d += rows[offset + i + 3] * query[i + 3];
    }
    for (let i = unrolled; i < dims; i += 1) a += rows[offset + i] * query[i];
    const dot = a + b + c + d;
    if (dot > best[rowOwners[row]]) best[rowOwners[row]] = dot;
  }
  // The k-th best so far bounds what can still enter, so most records cost one comparison.
  let kept: number[] = [];
  let bar = floor;
  const bestFirst = (indexes: number[]) => indexes.sort((x, y) => best[y] - best[x] || x - y);
  for (let index = 0; index < best.length; index += 1) {
    if (best[index] < bar) continue;
    kept.push(index);
    if (kept.length >= 2 * k) {
      kept = bestFirst(kept).slice(0, k);
      bar = Math.max(floor, best[kept[k - 1]]);
    }
  }
  return bestFirst(kept)
    .slice(0, k)
    .map((index) => ids[index]);
}
