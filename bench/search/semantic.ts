import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Embeddings } from '@langchain/core/embeddings';
import { generateInteractions } from '../../sync-server/demo/generate-interactions';
import { SIMILARITY_FLOOR } from '../../src/lib/search/semantic/similarity-floor';
import { SemanticEngine } from '../../src/lib/search/semantic/semantic-engine';
import { loadTransformersEmbeddings } from '../../src/lib/search/semantic/transformers-embeddings';
import { semanticText, type SemanticRecord } from '../../src/lib/search/semantic/record-text';
import { embedQualitySet, int8RecallAt10, type Float32Set } from '../../tests/unit/search/semantic/float32-recall';
import { summarise, type Summary } from '../browser/stats';
import { formatCount, formatRatio } from '../lib/table';
import type { SearchBenchHook, SearchBenchRow } from './hooks';
import { loadFloat32Index, rankFloat32, serializeFloat32, type Float32Index } from './semantic-float32';
import { memoryStores, serializeEntries, storeBytes, storedForms, tiledRecords } from './semantic-vectors';

/** The model the tests use; BENCH_MODELS_DIR and BENCH_EMBEDDING_MODEL choose another. */
export const BENCH_MODEL = {
  dir: resolve(process.env.BENCH_MODELS_DIR ?? '../shared/models'),
  id: process.env.BENCH_EMBEDDING_MODEL ?? 'local/universal-sentence-encoder-lite'
};
// As many as the Finder asks for when it fuses the rankings.
const SEMANTIC_CANDIDATES = 100;
const SITE = 'bench-site';

/** One index's figures at one size: the app's int8 one, or the float32 baseline. */
export interface IndexFigures {
  /** The first query after a start, its embedding computed beforehand: reading the store, packing, ranking once. */
  loadMs: number;
  /** Heap and array buffers the loaded index takes. */
  heapBytes: number;
  /** What the vector store holds: the vectors, ids, model ids and text hashes. */
  storeBytes: number;
  /** One query as the worker answers it: embedding the text, then ranking every vector. */
  query: Summary;
  /** The ranking part alone. */
  rank: Summary;
}

export interface SemanticSizeFigures {
  records: number;
  rows: number;
  int8: IndexFigures;
  float32: IndexFigures;
  /** Mean share of the exact float32 top 10 found in the int8 top 10, over the timed queries. */
  recallAt10: number;
}

export interface EmbeddingThroughput {
  records: number;
  batchSize: number;
  seconds: number;
  recordsPerSecond: number;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function memoryUsed(): number {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Loads the model once, as the worker does at start; reused by every measurement. */
export function loadBenchEmbeddings(): Promise<Embeddings> {
  return loadTransformersEmbeddings({ modelId: BENCH_MODEL.id, localModelPath: `${BENCH_MODEL.dir}/`, allowHub: false });
}

/** Demo records as the semantic index sees them, newest first by their place in the seed. */
export function demoSemanticRecords(count: number): SemanticRecord[] {
  return [...generateInteractions({ count })].map(({ interaction }) => ({
    id: interaction.id,
    text: semanticText(interaction),
    updatedAt: interaction.updatedAt
  }));
}

/**
 * Records per second through the app's own engine: chunking, embedding `batchSize` records per
 * model call, storing. In Node, with onnxruntime-node.
 */
export async function measureEmbeddingThroughput(embeddings: Embeddings, options: { records: number; batchSize: number }): Promise<EmbeddingThroughput> {
  const engine = new SemanticEngine({ embeddings, modelId: BENCH_MODEL.id, stores: memoryStores(), batchSize: options.batchSize });
  const started = performance.now();
  await engine.updateRecords(SITE, demoSemanticRecords(options.records));
  await engine.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  const { done, error } = engine.progress();
  if (error) throw new Error(`embedding failed: ${error}`);
  return { records: done, batchSize: options.batchSize, seconds, recordsPerSecond: done / seconds };
}

/**
 * Both indexes over the same `records` (the quality set's real vectors, tiled with noise): the
 * app's engine over int8 entries read in pages, and the float32 baseline read at once. Their
 * queries interleave, so a busy machine slows both alike.
 */
export async function measureSemanticSize(options: {
  embeddings: Embeddings;
  sample: Float32Set;
  records: number;
  queries: readonly string[];
  rounds: number;
}): Promise<SemanticSizeFigures> {
  const { embeddings, sample, queries, rounds } = options;
  // Only the serialized stores stay: the records and entries they came from are garbage.
  const { int8Store, float32Store, bytes } = (() => {
    const stored = storedForms(tiledRecords(sample.records, { count: options.records, dims: sample.dims }), { dims: sample.dims, modelId: BENCH_MODEL.id });
    return {
      int8Store: serializeEntries(stored.int8),
      float32Store: serializeFloat32(stored.float32),
      bytes: { int8: storeBytes(stored.int8), float32: storeBytes(stored.float32) }
    };
  })();
  const vectors = new Map(await Promise.all(queries.map(async (query) => [query, Float32Array.from(await embeddings.embedQuery(query))] as const)));
  // The engine embeds through this: from the vectors above while `precomputed`, else by the model.
  let precomputed = true;
  const switching = {
    embedQuery: (query: string) => (precomputed ? Promise.resolve([...(vectors.get(query) as Float32Array)]) : embeddings.embedQuery(query)),
    embedDocuments: (texts: string[]) => embeddings.embedDocuments(texts)
  } as Embeddings;

  const int8Before = memoryUsed();
  const engine = new SemanticEngine({ embeddings: switching, modelId: BENCH_MODEL.id, stores: memoryStores(int8Store) });
  const search = (query: string, k = SEMANTIC_CANDIDATES, floor = SIMILARITY_FLOOR) => engine.search({ siteIds: [SITE], query, k, floor });
  let started = performance.now();
  await search(queries[0]);
  const int8Load = performance.now() - started;
  const int8Heap = memoryUsed() - int8Before;

  const floatBefore = memoryUsed();
  started = performance.now();
  const index: Float32Index = loadFloat32Index(float32Store);
  rankFloat32(index, vectors.get(queries[0]) as Float32Array, { k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });
  const floatLoad = performance.now() - started;
  const floatHeap = memoryUsed() - floatBefore;
  const rankFloat = (query: Float32Array) => rankFloat32(index, query, { k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });

  const times = { int8Query: [] as number[], int8Rank: [] as number[], floatQuery: [] as number[], floatRank: [] as number[] };
  const timed = async (into: number[] | undefined, run: () => unknown) => {
    const start = performance.now();
    await run();
    into?.push(performance.now() - start);
  };
  // Round 0 warms both up and is not counted.
  for (let round = 0; round <= rounds; round += 1) {
    const keep = <T>(list: T) => (round > 0 ? list : undefined);
    for (const query of queries) {
      precomputed = true;
      await timed(keep(times.int8Rank), () => search(query));
      await timed(keep(times.floatRank), () => rankFloat(vectors.get(query) as Float32Array));
      precomputed = false;
      await timed(keep(times.int8Query), () => search(query));
      await timed(keep(times.floatQuery), async () => rankFloat(Float32Array.from(await embeddings.embedQuery(query))));
    }
  }

  precomputed = true;
  let found = 0;
  for (const query of queries) {
    const exact = new Set(rankFloat32(index, vectors.get(query) as Float32Array, { k: 10, floor: -1 }));
    found += (await search(query, 10, -1)).filter((hit) => exact.has(hit.id)).length / exact.size;
  }
  return {
    records: options.records,
    rows: index.rowOwners.length,
    int8: { loadMs: int8Load, heapBytes: int8Heap, storeBytes: bytes.int8, query: summarise(times.int8Query), rank: summarise(times.int8Rank) },
    float32: { loadMs: floatLoad, heapBytes: floatHeap, storeBytes: bytes.float32, query: summarise(times.floatQuery), rank: summarise(times.floatRank) },
    recallAt10: found / queries.length
  };
}

const TARGETS = { queryP95Ms: 50, heapBytes: 80e6, loadMs: 300, recall: 0.98 };
// Each query is embedded by the model as well as ranked, twice: fewer rounds than the keyword part.
const ROUNDS = 3;
const QUERIES = 30;
const THROUGHPUT_RECORDS = Number(process.env.BENCH_EMBED_RECORDS ?? 200);
const THROUGHPUT_BATCHES = [1, 8, 32];

/** The semantic part of the search suite (see hooks.ts): int8 against float32 per size, recall, throughput. */
const semanticHook: SearchBenchHook = {
  name: 'semantic',
  async run({ sizes, queries, log }) {
    const loadStarted = performance.now();
    const embeddings = await loadBenchEmbeddings();
    const modelLoadMs = performance.now() - loadStarted;
    log(`model ${BENCH_MODEL.id} loaded from ${BENCH_MODEL.dir} in ${ms(modelLoadMs)}`);
    const throughput: EmbeddingThroughput[] = [];
    for (const batchSize of THROUGHPUT_BATCHES) {
      const figures = await measureEmbeddingThroughput(embeddings, { records: THROUGHPUT_RECORDS, batchSize });
      log(`embedding, ${batchSize} records a call: ${figures.records} demo records in ${figures.seconds.toFixed(1)} s, ${figures.recordsPerSecond.toFixed(1)} records/s`);
      throughput.push(figures);
    }
    const qualitySet = await embedQualitySet(embeddings);
    const qualityRecall = int8RecallAt10(qualitySet);
    log(`recall@10 of int8 against float32 on the quality set: ${qualityRecall.toFixed(4)}`);

    // Every n-th query, so the sample spans the topics rather than the first few.
    const step = Math.max(1, Math.floor(queries.length / QUERIES));
    const sample = queries.filter((_, index) => index % step === 0).slice(0, QUERIES);
    const rows: SearchBenchRow[] = [
      ['meaning recall@10 vs float32 (quality set)', formatCount(qualitySet.records.length), qualityRecall.toFixed(4), `≥ ${TARGETS.recall}`, '', '']
    ];
    const raw: Record<string, unknown> = { modelLoadMs, throughput, qualityRecall };
    for (const size of sizes) {
      const figures = await measureSemanticSize({ embeddings, sample: qualitySet, records: size, queries: sample, rounds: ROUNDS });
      log(sizeLine(figures));
      rows.push(...sizeRows(figures));
      raw[`semantic-${size}`] = figures;
    }
    for (const figures of throughput) {
      const label = `embedding throughput (Node, 1 thread, ${figures.batchSize} a call)`;
      rows.push([label, formatCount(figures.records), `${figures.recordsPerSecond.toFixed(1)} rec/s`, '', '', '']);
    }
    return {
      facts: [
        ['semantic model', `${BENCH_MODEL.id} (q8), loaded in ${ms(modelLoadMs)}`],
        ['semantic queries', `${sample.length} (each size: ${ROUNDS} timed rounds after one warm-up); k = ${SEMANTIC_CANDIDATES}`],
        [
          'semantic vectors',
          `the quality set's ${qualitySet.records.length} demo records embedded for real, tiled to each size with noise (cosine ≈ 0.91 to their source); ` +
            'baseline: the previous release\'s float32 index (one read of every entry, every row scored) in the same run'
        ]
      ],
      rows,
      raw
    };
  }
};

export default semanticHook;

function sizeRows({ records, int8, float32, recallAt10 }: SemanticSizeFigures): SearchBenchRow[] {
  const count = formatCount(records);
  const versus = (value: number, baseline: number, format: (n: number) => string) =>
    [`float32 ${format(baseline)}`, formatRatio(baseline / value)] as const;
  return [
    ['meaning query p50 (embed + rank)', count, ms(int8.query.median), '', ...versus(int8.query.median, float32.query.median, ms)],
    ['meaning query p95 (embed + rank)', count, ms(int8.query.p95), `≤ ${TARGETS.queryP95Ms} ms`, ...versus(int8.query.p95, float32.query.p95, ms)],
    ['meaning ranking p95 (rank only)', count, ms(int8.rank.p95), '', ...versus(int8.rank.p95, float32.rank.p95, ms)],
    ['meaning vectors in memory', count, megabytes(int8.heapBytes), `≤ ${megabytes(TARGETS.heapBytes)}`, ...versus(int8.heapBytes, float32.heapBytes, megabytes)],
    ['meaning index first load', count, ms(int8.loadMs), `≤ ${TARGETS.loadMs} ms`, ...versus(int8.loadMs, float32.loadMs, ms)],
    ['meaning recall@10 vs float32 (tiled)', count, recallAt10.toFixed(4), `≥ ${TARGETS.recall}`, '', ''],
    ['meaning vector store size', count, megabytes(int8.storeBytes), '', ...versus(int8.storeBytes, float32.storeBytes, megabytes)]
  ];
}

function sizeLine({ records, rows, int8, float32, recallAt10 }: SemanticSizeFigures): string {
  const part = (name: string, figures: IndexFigures) =>
    `${name} query p50 ${ms(figures.query.median)}, p95 ${ms(figures.query.p95)} (ranking p95 ${ms(figures.rank.p95)}), ` +
    `first load ${ms(figures.loadMs)}, heap ${megabytes(figures.heapBytes)}, store ${megabytes(figures.storeBytes)}`;
  return `meaning at ${formatCount(records)} (${formatCount(rows)} rows): ${part('int8', int8)}; ${part('float32', float32)}; recall@10 ${recallAt10.toFixed(4)}`;
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${formatCount(value)} ms`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
