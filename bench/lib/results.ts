import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MachineSnapshot } from './machine';
import type { BenchSettings } from './settings';

// Git-ignored: figures depend on the machine and belong in an issue or a PR, not in the history.
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes one suite's raw figures, with what is needed to compare them later, and returns the path. */
export async function writeResults(options: {
  suite: string;
  startedAt: Date;
  settings: BenchSettings;
  machine: MachineSnapshot;
  facts: [string, string][];
  raw: unknown;
}): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = options.startedAt.toISOString().replace(/[:.]/g, '-');
  const path = `${RESULTS_DIR}${options.suite}-${stamp}.json`;
  const { adminUrl: _adminUrl, databaseUrl: _databaseUrl, ...settings } = options.settings;
  const document = {
    suite: options.suite,
    startedAt: options.startedAt.toISOString(),
    machine: options.machine,
    settings,
    facts: Object.fromEntries(options.facts),
    results: options.raw
  };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}
