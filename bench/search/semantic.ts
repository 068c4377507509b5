import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Embeddings } from '@langchain/core/embeddings';
import { generateInteractions } from '../../sync-server/demo/generate-interactions';
import {
  SIMILARITY_FLOOR,
  SemanticEngine,
  loadTransformersEmbeddings,
  semanticText,
  type SemanticRecord,
  type StoredVectors,
  type VectorStore,
  type VectorStores
} from '../../src/lib/search/semantic/core';
import { summarise, type Summary } from '../browser/stats';
import { formatCount, formatRatio } from '../lib/table';
import type { SearchBenchHook, SearchBenchRow } from './hooks';

/** The model the tests use; BENCH_MODELS_DIR and BENCH_EMBEDDING_MODEL choose another. */
export const BENCH_MODEL = {
  dir: resolve(process.env.BENCH_MODELS_DIR ?? '../shared/models'),
  id: process.env.BENCH_EMBEDDING_MODEL ?? 'local/universal-sentence-encoder-lite'
};
// As many as the Finder asks for when it fuses the rankings.
const SEMANTIC_CANDIDATES = 100;
// Distinct real vectors the large indexes are tiled from: embedding 100k records for a query timing
// would take a quarter of an hour, and a ranking's cost does not depend on the numbers in it.
const SAMPLE_RECORDS = 400;

export interface SemanticQueryFigures {
  vectors: number;
  dims: number;
  /** Reading the stored vectors and packing them for ranking, as the first query after a start does. */
  loadMs: number;
  /** One query as the worker answers it: embedding the text, then ranking every vector. */
  query: Summary;
  /** The ranking part alone. */
  rank: Summary;
  /** What the vector store holds: the vectors, ids, model ids and text hashes. */
  storeBytes: number;
  /** Heap and array buffers the loaded index takes: its entries, their vectors packed in one matrix. */
  heapBytes: number;
}

export interface EmbeddingThroughput {
  records: number;
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

/** Loads the model once, as the worker does at start; reused by both measurements. */
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
 * Records per second through the app's own engine: chunking, embedding in batches, storing. In
 * Node, with onnxruntime-node; the browser's wasm build in the worker is slower per record.
 */
export async function measureEmbeddingThroughput(embeddings: Embeddings, records: number): Promise<EmbeddingThroughput> {
  const engine = new SemanticEngine({ embeddings, modelId: BENCH_MODEL.id, stores: memoryStores() });
  const started = performance.now();
  await engine.updateRecords('bench-site', demoSemanticRecords(records));
  await engine.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  const { done, error } = engine.progress();
  if (error) throw new Error(`embedding failed: ${error}`);
  return { records: done, seconds, recordsPerSecond: done / seconds };
}

/**
 * Query latency over `vectors` stored records: the app's engine reading a store of that size,
 * then answering each query (embedding plus ranking) with the Finder's candidate count.
 */
export async function measureSemanticQueries(options: {
  embeddings: Embeddings;
  vectors: number;
  queries: readonly string[];
  rounds: number;
}): Promise<SemanticQueryFigures> {
  const sample = await embeddedSample(options.embeddings);
  const before = memoryUsed();
  const entries = tiled(sample, options.vectors);
  const storeBytes = entries.reduce(
    (sum, entry) => sum + entry.vectors.byteLength + 2 * (entry.id.length + entry.modelId.length + entry.textHash.length),
    0
  );
  const engine = new SemanticEngine({ embeddings: options.embeddings, modelId: BENCH_MODEL.id, stores: memoryStores(entries) });
  const search = (query: string) => engine.search({ siteIds: ['bench-site'], query, k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });

  const loadStarted = performance.now();
  await search(options.queries[0]);
  const loadMs = performance.now() - loadStarted;
  const heapBytes = memoryUsed() - before;

  for (const query of options.queries) await search(query);
  const times: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const query of options.queries) {
      const started = performance.now();
      await search(query);
      times.push(performance.now() - started);
    }
  }
  // The ranking share: the same queries with their embeddings computed beforehand.
  const queryVectors = await Promise.all(options.queries.map((query) => options.embeddings.embedQuery(query)));
  const ranked = new SemanticEngine({ embeddings: fixedEmbeddings(options.queries, queryVectors), modelId: BENCH_MODEL.id, stores: memoryStores(entries) });
  const rankTimes: number[] = [];
  for (let round = 0; round <= options.rounds; round++) {
    for (const query of options.queries) {
      const started = performance.now();
      await ranked.search({ siteIds: ['bench-site'], query, k: SEMANTIC_CANDIDATES, floor: SIMILARITY_FLOOR });
      // The first round builds the matrix and warms up; it is not counted.
      if (round > 0) rankTimes.push(performance.now() - started);
    }
  }
  return { vectors: options.vectors, dims: sample[0].dims, loadMs, query: summarise(times), rank: summarise(rankTimes), storeBytes, heapBytes };
}

let sampleCache: Promise<StoredVectors[]> | undefined;

function embeddedSample(embeddings: Embeddings): Promise<StoredVectors[]> {
  sampleCache ??= (async () => {
    const records = demoSemanticRecords(SAMPLE_RECORDS);
    const stored: StoredVectors[] = [];
    const engine = new SemanticEngine({ embeddings, modelId: BENCH_MODEL.id, stores: memoryStores([], stored) });
    await engine.updateRecords('bench-site', records);
    await engine.whenIdle();
    return stored;
  })();
  return sampleCache;
}

/** `count` stored records, each a copy of a real one under its own id. */
function tiled(sample: StoredVectors[], count: number): StoredVectors[] {
  return Array.from({ length: count }, (_, index) => {
    const source = sample[index % sample.length];
    return { ...source, id: `${source.id}-${index}`, vectors: source.vectors.slice() };
  });
}

/** A vector store in memory, holding `initial`; `written` collects every entry put. */
function memoryStores(initial: StoredVectors[] = [], written: StoredVectors[] = []): VectorStores {
  const store: VectorStore = {
    all: async () => initial,
    putMany: async (entries) => void written.push(...entries),
    deleteMany: async () => undefined,
    close: () => undefined
  };
  return { open: async () => store, delete: async () => undefined };
}

/** Answers the given queries with vectors computed beforehand, so only the ranking is timed. */
function fixedEmbeddings(queries: readonly string[], vectors: number[][]): Embeddings {
  const byQuery = new Map(queries.map((query, index) => [query, vectors[index]]));
  return {
    embedQuery: async (query: string) => byQuery.get(query) ?? [],
    embedDocuments: async () => []
  } as unknown as Embeddings;
}

const SEMANTIC_P95_TARGET_MS = 50;
const TARGET_SIZE = 10_000;
// Each query is embedded by the model as well as ranked: fewer rounds than the keyword part.
const ROUNDS = 3;
const QUERIES = 30;
const THROUGHPUT_RECORDS = Number(process.env.BENCH_EMBED_RECORDS ?? 200);

/** The semantic part of the search suite (see hooks.ts): query latency per size, throughput, size, heap. */
const semanticHook: SearchBenchHook = {
  name: 'semantic',
  async run({ sizes, queries, serverQuery, log }) {
    const loadStarted = performance.now();
    const embeddings = await loadBenchEmbeddings();
    const modelLoadMs = performance.now() - loadStarted;
    log(`model ${BENCH_MODEL.id} loaded from ${BENCH_MODEL.dir} in ${ms(modelLoadMs)}`);
    const throughput = await measureEmbeddingThroughput(embeddings, THROUGHPUT_RECORDS);
    log(`embedding: ${throughput.records} demo records in ${throughput.seconds.toFixed(1)} s, ${throughput.recordsPerSecond.toFixed(1)} records/s`);

    // Every n-th query, so the sample spans the topics rather than the first few.
    const step = Math.max(1, Math.floor(queries.length / QUERIES));
    const sample = queries.filter((_, index) => index % step === 0).slice(0, QUERIES);
    const rows: SearchBenchRow[] = [];
    const raw: Record<string, unknown> = { modelLoadMs, throughput };
    for (const size of sizes) {
      const figures = await measureSemanticQueries({ embeddings, vectors: size, queries: sample, rounds: ROUNDS });
      log(
        `semantic at ${formatCount(size)}: query p50 ${ms(figures.query.median)}, p95 ${ms(figures.query.p95)} ` +
          `(ranking p95 ${ms(figures.rank.p95)}), first load ${ms(figures.loadMs)}, ` +
          `store ${megabytes(figures.storeBytes)}, heap ${megabytes(figures.heapBytes)}`
      );
      rows.push(...semanticRows(figures, serverQuery.get(size)));
      raw[`semantic-${size}`] = figures;
    }
    rows.push(['embedding throughput (Node, 1 thread)', formatCount(throughput.records), `${throughput.recordsPerSecond.toFixed(1)} rec/s`, '', '', '']);
    return {
      facts: [
        ['semantic model', `${BENCH_MODEL.id} (q8), loaded in ${ms(modelLoadMs)}`],
        ['semantic queries', `${sample.length} (each size: ${ROUNDS} timed rounds after one warm-up); k = ${SEMANTIC_CANDIDATES}`],
        ['semantic vectors', `${SAMPLE_RECORDS} demo records embedded for real, tiled to each size`]
      ],
      rows,
      raw
    };
  }
};

export default semanticHook;

function semanticRows(figures: SemanticQueryFigures, server: Summary | undefined): SearchBenchRow[] {
  const records = formatCount(figures.vectors);
  const target = figures.vectors <= TARGET_SIZE ? `≤ ${SEMANTIC_P95_TARGET_MS} ms` : '';
  const versus = (local: number, baseline: number | undefined) =>
    baseline === undefined ? ['', ''] : [ms(baseline), formatRatio(baseline / local)];
  return [
    ['semantic query p50 (embed + rank)', records, ms(figures.query.median), '', ...versus(figures.query.median, server?.median)] as SearchBenchRow,
    ['semantic query p95 (embed + rank)', records, ms(figures.query.p95), target, ...versus(figures.query.p95, server?.p95)] as SearchBenchRow,
    ['semantic ranking p95 (rank only)', records, ms(figures.rank.p95), '', '', ''],
    ['semantic index first load', records, ms(figures.loadMs), '', '', ''],
    ['semantic vector store size', records, megabytes(figures.storeBytes), '', '', ''],
    ['semantic index heap', records, megabytes(figures.heapBytes), '', '', '']
  ];
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${formatCount(value)} ms`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
