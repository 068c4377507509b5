/**
 * What the benchmark's browser bundles put on `window`, shared by the bundles (which implement it)
 * and the suite (which calls it through `page.evaluate`). Types only: nothing here runs.
 */

/** One interaction as the server would send it: its record metadata and its encoded Yjs state. */
export interface WireInteraction {
  id: string;
  siteId: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The encoded Yjs state, base64. */
  crdt: string;
}

/** Milliseconds from the start of a change until the DOM showed it, and until the next frame. */
export interface ChangeTiming {
  domMs: number;
  paintedMs: number;
  /** For a save: until the write through `$lib/db` resolved, so stored; the rest is the Finder's. */
  storedMs?: number;
}

/** One read of the Dexie-only baseline. */
export interface BaselineTiming {
  /** Milliseconds until the rows were read (including the open or the write before them). */
  ms: number;
  /** Milliseconds the count took after that. */
  countMs: number;
  rows: number;
  total: number;
}

export type FinderChange = 'sort' | 'filter';

/** Milliseconds spent deriving the stored documents from their Yjs states, and writing them. */
export interface LoadTiming {
  buildMs: number;
  writeMs: number;
}

/** The write side (bench.js, loaded with import()): the app's own `$lib/db`, no UI. */
export interface BenchWriter {
  /** Stores interactions through the app's document builder, as replication would. */
  loadInteractions(options: { siteId: string; interactions: WireInteraction[] }): Promise<LoadTiming>;
  /** Creates one interaction through `createInteraction`, the path the form's save takes. */
  createOne(options: { siteId: string; userId: string; title: string; start: string }): Promise<void>;
  countInteractions(siteId: string): Promise<number>;
  closeAll(): Promise<void>;
}

/** The probe (probe.js, an init script in every app page): timestamps and in-page measurements. */
export interface BenchProbe {
  /** performance.now() when the page first opened a site database, or null. */
  databaseOpenedAt: number | null;
  /** performance.now() when the first loaded Finder row was in the DOM, and after the next frame. */
  firstRowAt: number | null;
  firstRowPaintedAt: number | null;
  /** Resolves once the first row has been painted. */
  firstRowPainted(): Promise<void>;
  /** Makes one sort or filter change through the Finder's own controls and times it. */
  measureChange(kind: FinderChange, step: number): Promise<ChangeTiming>;
  /** Saves through bench.js (a second `$lib/db` instance, as another tab) and times the row's arrival. */
  measureSave(options: { siteId: string; userId: string; title: string; start: string }): Promise<ChangeTiming>;
  /** The loaded rows rendered in the Finder. */
  renderedRows(): number;
}

/** The baseline page (baseline.js): the same reads straight from Dexie, no RxDB, no UI. */
export interface BenchBaseline {
  /** Opens the site's Dexie database and reads the Finder's first window, then the total. */
  openAndRead(options: { siteId: string; limit: number }): Promise<BaselineTiming>;
  /** The reads of a sort or filter change on the open database. */
  changeRead(options: { kind: FinderChange; step: number; limit: number }): Promise<BaselineTiming>;
  /** Writes one record and reads the first window again, as the Finder would after a save. */
  saveAndRead(options: { record: Record<string, unknown>; limit: number }): Promise<BaselineTiming>;
  /** A stored record to copy for `saveAndRead`. */
  sampleRecord(): Promise<Record<string, unknown>>;
}

declare global {
  interface Window {
    imsBenchProbe?: BenchProbe;
    imsBenchBaseline?: BenchBaseline;
  }
}
