/**
 * What the initial-sync suite's page code puts on `window`, shared by the bundle (which implements
 * it) and the suite (which calls it through `page.evaluate`). Types only: nothing here runs.
 */

/** One timed write of the Dexie-only baseline. */
export interface BulkPutTiming {
  /** Milliseconds from the first bulkPut call until its transaction committed. */
  ms: number;
  documents: number;
  /** The throwaway store's schema, in Dexie's notation: the same as the app's store. */
  storeSchema: string;
  /** What the index set costs: the same bulkPut into stores with fewer indexes (issue: 100k records). */
  leaner: { store: LeanerStore; ms: number }[];
}

/** The primary key alone, or with the one index the Finder's default order (newest first) reads. */
export type LeanerStore = 'no secondary index' | 'Finder default sort index only';

/** The baseline page (bulk-put.js): the synced documents written again with Dexie alone. */
export interface BenchBulkPut {
  /**
   * Reads every record the app stored for the site (untimed), then writes them with one Dexie
   * `bulkPut` into a fresh database whose store has the app's primary key and indexes, timed to
   * the commit; the throwaway database is deleted afterwards.
   */
  run(options: { siteId: string; expected: number }): Promise<BulkPutTiming>;
}

/** What the page measured of the sync, in its own clock (performance.now()). */
export interface StoredTiming {
  timeOrigin: number;
  /** When a count first found every document stored. */
  doneAt: number;
  /** When the first pull request started. */
  firstPullAt: number;
  pulls: number;
  /** The longest pull request, from its start to the end of its response. */
  slowestPullMs: number;
  /** The page's longest main-thread task between the first pull and doneAt: how long a click could wait. */
  longestTaskMs: number;
  /** Where the time went: each task over 100 ms and each pull's response end, in ms after the first pull started. */
  timeline: { longTasks: [at: number, ms: number][]; pullsDone: number[] };
}

/** Added to the app's page (stored-count.js): watches the site's store fill up. */
export interface BenchStoredCount {
  /** Counts `store` in the site's interactions database every `pollMs` until it holds `expected` records. */
  waitForAllStored(options: {
    siteId: string;
    store: string;
    expected: number;
    pollMs: number;
    timeoutMs: number;
  }): Promise<StoredTiming>;
}

declare global {
  interface Window {
    imsBenchStoredCount?: BenchStoredCount;
    imsBenchBulkPut?: BenchBulkPut;
    /** The page's long tasks as [start, duration], gathered from its first script on (LONG_TASKS_SCRIPT). */
    imsBenchLongTasks?: [number, number][];
  }
}
