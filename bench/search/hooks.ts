import type { Cleanup } from '../lib/cleanup';
import type { BenchSettings } from '../lib/settings';
import type { Summary } from '../browser/stats';

/** What the search suite hands each part it runs besides its own keyword figures. */
export interface SearchBenchContext {
  settings: BenchSettings;
  /** Local record counts to measure at. */
  sizes: readonly number[];
  /** The queries the keyword figures and the Postgres baseline use. */
  queries: readonly string[];
  /** The Postgres full-text search latency measured at each size in this run, the table's baseline. */
  serverQuery: ReadonlyMap<number, Summary>;
  cleanup: Cleanup;
  workDir: string;
  log(line: string): void;
}

/** A row of the suite's table: figure, records, value, target, baseline, ratio. */
export type SearchBenchRow = [figure: string, records: string, value: string, target: string, baseline: string, ratio: string];

export interface SearchBenchPart {
  facts: [label: string, value: string][];
  rows: SearchBenchRow[];
  raw: unknown;
}

/**
 * Another part of the search suite (the semantic figures): a module in this folder whose default
 * export is one of these, listed in HOOK_MODULES. It runs after the keyword part, in the same run.
 */
export interface SearchBenchHook {
  name: string;
  run(context: SearchBenchContext): Promise<SearchBenchPart>;
}

/** The hook modules, in the order they run; a listed module that is missing is reported, not fatal. */
export const HOOK_MODULES: readonly string[] = ['./semantic.ts'];
