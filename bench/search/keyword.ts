import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateInteractions } from '../../sync-server/demo/generate-interactions';
import { KeywordIndex } from '../../src/lib/search/keyword/keyword-index';
import type { SearchableRecord } from '../../src/lib/search/keyword/searchable-record';
import { KEYWORD_CANDIDATES } from '../../src/lib/search/fusion';
import { summarise, type Summary } from '../browser/stats';

export interface KeywordFigures {
  records: number;
  buildMs: number;
  /** Reading the saved index back and rebuilding it, as a reload does instead of building. */
  loadMs: number;
  serializedBytes: number;
  /** Heap and array buffers the built indexes take. */
  heapBytes: number;
  /** The same for the indexes read back, as most visits hold them: lists no longer have room to grow. */
  reloadedHeapBytes: number;
  query: Summary;
}

// Heap figures need a collection before each reading; `--expose-gc` cannot be passed through
// `node --import tsx`, so it is switched on here.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The JavaScript heap and the typed arrays' buffers, which live outside it and hold the postings. */
function memoryUsed(): number {
  collect();
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** The demo records the seed writes, as the keyword index takes them, one index per site. */
export function demoRecords(count: number): Map<string, SearchableRecord[]> {
  const bySite = new Map<string, SearchableRecord[]>();
  for (const { interaction } of generateInteractions({ count })) {
    const { id, siteId, title, type, lead, location, description, notes, startDatetime } = interaction;
    const list = bySite.get(siteId) ?? [];
    list.push({ id, siteId, title, type, lead, location, description, notes, startDatetime });
    bySite.set(siteId, list);
  }
  return bySite;
}

/**
 * Builds the per-site indexes over `count` records, saves and reads them back, and times queries
 * across the read-back ones as the worker answers them (the worker adds one message each way, well
 * under a millisecond).
 */
export function measureKeyword(options: { count: number; queries: readonly string[]; rounds: number }): KeywordFigures {
  const bySite = demoRecords(options.count);
  // A small index first, so the code compiled on first use is not counted in the heap figure.
  const warmUp = KeywordIndex.empty();
  for (const record of [...bySite.values()][0].slice(0, 500)) warmUp.put(record);
  const before = memoryUsed();
  const started = performance.now();
  const indexes = [...bySite.values()].map((records) => {
    const index = KeywordIndex.empty();
    for (const record of records) index.put(record);
    return index;
  });
  const buildMs = performance.now() - started;
  const heapBytes = memoryUsed() - before;

  // V8's serializer is the structured clone IndexedDB stores and reads the snapshot with.
  const saved = indexes.map((index) => serialize(index.snapshot()));
  const serializedBytes = saved.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  const beforeLoad = memoryUsed();
  const loadStarted = performance.now();
  const reloaded = saved.map((bytes) => KeywordIndex.fromSnapshot(deserialize(bytes)));
  const loadMs = performance.now() - loadStarted;
  const reloadedHeapBytes = memoryUsed() - beforeLoad;

  // One warm-up pass, so the figures are of optimised code, as after a few keystrokes in the app.
  for (const query of options.queries) search(reloaded, query);
  const times: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const query of options.queries) {
      const queryStarted = performance.now();
      search(reloaded, query);
      times.push(performance.now() - queryStarted);
    }
  }
  return { records: options.count, buildMs, loadMs, serializedBytes, heapBytes, reloadedHeapBytes, query: summarise(times) };
}

function search(indexes: KeywordIndex[], query: string): void {
  indexes
    .flatMap((index) => index.search(query, { limit: KEYWORD_CANDIDATES }))
    .sort((a, b) => b.score - a.score)
    .slice(0, KEYWORD_CANDIDATES);
}
