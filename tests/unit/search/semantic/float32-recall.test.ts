import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersEmbeddings } from '$lib/search/semantic/transformers-embeddings';
import { embedQualitySet, int8RecallAt10, type Float32Set } from './float32-recall';

const MODELS_DIR = resolve(process.env.MODELS_DIR ?? '../shared/models');
const MODEL_ID = 'local/universal-sentence-encoder-lite';
/** The bar for quantized vectors (issue 17). */
const RECALL_FLOOR = 0.98;

describe('int8 vectors against float32 on the quality set, with the real test model', () => {
  let set: Float32Set;

  beforeAll(async () => {
    const embeddings = await loadTransformersEmbeddings({ modelId: MODEL_ID, localModelPath: `${MODELS_DIR}/`, allowHub: false });
    set = await embedQualitySet(embeddings);
  }, 300_000);

  it(`finds at least ${RECALL_FLOOR} of the exact float32 top 10, averaged over the queries`, () => {
    const recall = int8RecallAt10(set);
    console.log(`recall@10 of int8 against float32: ${recall.toFixed(4)} over ${set.queries.length} queries, ${set.records.length} records`);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });
});
