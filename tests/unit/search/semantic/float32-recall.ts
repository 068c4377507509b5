import type { Embeddings } from '@langchain/core/embeddings';
import { generateInteractions } from '../../../../sync-server/demo/generate-interactions';
import { chunkForEmbedding } from '$lib/search/semantic/chunking';
import { semanticText } from '$lib/search/semantic/record-text';
import { buildMatrix } from '$lib/search/semantic/vector-matrix';
import { quantizeRows } from '$lib/search/semantic/vector-quantization';
import { rankByBestChunk } from '$lib/search/semantic/vector-ranking';
import { EVALUATION_SET } from '../quality/evaluation-set';

/** Records' float32 chunk vectors, rows of `dims` end to end, as the model gave them. */
export interface Float32Record {
  id: string;
  vectors: Float32Array;
}

export interface Float32Set {
  dims: number;
  records: Float32Record[];
  queries: Float32Array[];
}

// The quality set's data (tests/unit/search/quality): the demo records `npm start` seeds, and its queries.
const QUALITY_RECORDS = 500;
const BATCH = 16;

/** The quality set embedded by the given model: every record's chunks, and every query. */
export async function embedQualitySet(embeddings: Embeddings): Promise<Float32Set> {
  const texts = [...generateInteractions({ count: QUALITY_RECORDS })].map(({ interaction }) => ({ id: interaction.id, text: semanticText(interaction) }));
  const records: Float32Record[] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH);
    const chunks = await Promise.all(batch.map(({ text }) => chunkForEmbedding(text)));
    const vectors = await embeddings.embedDocuments(chunks.flat());
    let row = 0;
    batch.forEach(({ id }, index) => {
      records.push({ id, vectors: Float32Array.from(vectors.slice(row, row + chunks[index].length).flat()) });
      row += chunks[index].length;
    });
  }
  const queries = (await embeddings.embedDocuments(EVALUATION_SET.map(({ query }) => query))).map((vector) => Float32Array.from(vector));
  return { dims: queries[0].length, records, queries };
}

/** The k records whose best chunk is most similar to the query in float32: the exact ranking. */
export function exactTopIds(set: Pick<Float32Set, 'dims' | 'records'>, query: Float32Array, k: number): string[] {
  const { dims } = set;
  const scored = set.records.map(({ id, vectors }) => {
    let best = -Infinity;
    for (let offset = 0; offset < vectors.length; offset += dims) {
      let sum = 0;
      for (let i = 0; i < dims; i += 1) sum += vectors[offset + i] * query[i];
      best = Math.max(best, sum);
    }
    return { id, best };
  });
  return scored
    .sort((a, b) => b.best - a.best)
    .slice(0, k)
    .map(({ id }) => id);
}

/** Mean share of the exact float32 top 10 that the app's int8 ranking finds in its own top 10. */
export function int8RecallAt10(set: Float32Set): number {
  const matrix = buildMatrix(set.dims, set.records.map(({ id, vectors }) => ({ id, ...quantizeRows(vectors, set.dims) })));
  const shares = set.queries.map((query) => {
    const exact = new Set(exactTopIds(set, query, 10));
    const found = rankByBestChunk(matrix, query, { k: 10, floor: -1 }).filter((hit) => exact.has(hit.id));
    return found.length / exact.size;
  });
  return shares.reduce((sum, share) => sum + share, 0) / shares.length;
}
