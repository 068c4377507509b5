import type { Cleanup } from './cleanup';
import type { Column } from './table';
import type { BenchSettings } from './settings';

/** One benchmark suite: `bench/run.ts` lists them, runs the chosen ones and records what they return. */
export interface BenchSuite {
  /** Short and file-name safe: the results go to bench/results/<name>-<timestamp>.json. */
  name: string;
  summary: string;
  run(context: SuiteContext): Promise<SuiteReport>;
}

export interface SuiteContext {
  settings: BenchSettings;
  /** Register every resource the suite creates; it is released even when the suite throws. */
  cleanup: Cleanup;
  /** An empty folder of the suite's own (dev-issuer key, PGlite files), removed at the end. */
  workDir: string;
  log(line: string): void;
}

export interface SuiteReport {
  /** Labelled facts printed above the table: database, seed time, anything that qualifies the figures. */
  facts: [label: string, value: string][];
  table: { columns: Column[]; rows: string[][] };
  /** Everything measured, unrounded, for the JSON file. */
  raw: unknown;
}
