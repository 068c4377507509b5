/** Every chunk vector of one site, in one block of memory so a query is a single tight loop. */
export interface VectorMatrix {
  dims: number;
  /** Row r is `rows.subarray(r * dims, (r + 1) * dims)`. */
  rows: Float32Array;
  /** For each row, the index in `ids` of the record it belongs to. */
  rowOwners: Uint32Array;
  ids: string[];
}

export interface VectorHit {
  id: string;
  score: number;
  /** Which of the record's chunks scored best, counting from 0: the passage that matched. */
  passage: number;
}

export interface RankOptions {
  k: number;
  /** Records whose best chunk is less similar than this are not results at all. */
  floor: number;
}

/** Packs records' chunk vectors (each a run of `dims`-long rows) into one matrix. */
export function buildMatrix(dims: number, records: Iterable<{ id: string; vectors: Float32Array }>): VectorMatrix {
  const list = [...records];
  const rowCount = list.reduce((sum, record) => sum + record.vectors.length / dims, 0);
  const rows = new Float32Array(rowCount * dims);
  const rowOwners = new Uint32Array(rowCount);
  let row = 0;
  list.forEach((record, owner) => {
    rows.set(record.vectors, row * dims);
    const count = record.vectors.length / dims;
    rowOwners.fill(owner, row, row + count);
    row += count;
  });
  return { dims, rows, rowOwners, ids: list.map((record) => record.id) };
}

/**
 * Cosine similarity of the query with every chunk (vectors are normalised, so a dot product), a
 * record scoring as its best chunk; the k best records at or above the floor, best first.
 */
export function rankByBestChunk(matrix: VectorMatrix, query: Float32Array, options: RankOptions): VectorHit[] {
  const { dims, rows, rowOwners, ids } = matrix;
  if (query.length !== dims) throw new RangeError(`The query has ${query.length} dimensions; the index has ${dims}.`);
  const best = new Float32Array(ids.length).fill(-Infinity);
  const bestRow = new Uint32Array(ids.length);
  // A record's rows are consecutive, so its chunk number is the row's distance from its first row.
  const firstRow = new Uint32Array(ids.length);
  const rowCount = rowOwners.length;
  // Four running sums: independent additions the CPU can overlap, about twice as fast as one.
  const unrolled = dims - (dims % 4);
  for (let row = 0; row < rowCount; row += 1) {
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
    const owner = rowOwners[row];
    if (row === 0 || rowOwners[row - 1] !== owner) firstRow[owner] = row;
    if (dot > best[owner]) {
      best[owner] = dot;
      bestRow[owner] = row;
    }
  }
  return topK(best, ids, options).map(({ index, ...hit }) => ({ ...hit, passage: bestRow[index] - firstRow[index] }));
}

/** Merges several sites' rankings into one best-first list of k. */
export function mergeRankings<T extends VectorHit>(rankings: T[][], k: number): T[] {
  return rankings.flat().sort((a, b) => b.score - a.score).slice(0, k);
}

function topK(scores: Float32Array, ids: string[], { k, floor }: RankOptions): (Omit<VectorHit, 'passage'> & { index: number })[] {
  if (k <= 0) return [];
  // The k-th best score so far bounds what can still enter, so most records cost one comparison.
  let kept: number[] = [];
  let bar = floor;
  for (let index = 0; index < scores.length; index += 1) {
    if (scores[index] < bar) continue;
    kept.push(index);
    if (kept.length >= 2 * k) {
      kept = bestFirst(kept, scores).slice(0, k);
      bar = Math.max(floor, scores[kept[k - 1]]);
    }
  }
  return bestFirst(kept, scores)
    .slice(0, k)
    .map((index) => ({ id: ids[index], score: scores[index], index }));
}

function bestFirst(indexes: number[], scores: Float32Array): number[] {
  return indexes.sort((a, b) => scores[b] - scores[a] || a - b);
}
