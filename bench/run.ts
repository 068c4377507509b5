/**
 * Benchmarks: `npm run bench` runs every suite, `npm run bench -- api` (or `BENCH_SUITES=api`) the
 * named ones. `api` puts the sync server under load; `sync` measures replication (pull, push with
 * merge, live propagation to 100 streams, memory with 1,000 idle streams); `browser` drives the
 * built app in headless Chromium on local data; `initial-sync` times a fresh browser profile
 * replicating a site of 10,000 interactions against Dexie writing the same records; `collab` runs
 * 50 live co-editing clients on one document against our endpoint, Hocuspocus and the reference
 * y-websocket server, and measures the memory of idle rooms and clients, BENCH_COLLAB_RUNS times;
 * `search` times offline keyword search at 10k and 100k local records against Postgres full-text
 * search; `load` runs simulated devices (pull, push, event stream, live edits) on one and two instances, finds the device count where p99
 * passes 500 ms, and the commit rate at which NOTIFY-per-commit flattens; `backup` times
 * `npm run backup` and `npm run restore` on Postgres and PGlite. Each suite prints its figures as it goes, then a
 * table, and writes the raw numbers to bench/results/<suite>-<timestamp>.json (git-ignored).
 * Targets are printed beside the figures, never enforced: the exit code is 0 after a complete run
 * and non-zero only when a suite crashed.
 *
 * Everything runs on 127.0.0.1 and stops by itself: each scenario is a fixed warm-up plus a fixed
 * measured time (in the sync suite a fixed amount of work), and every database, process and folder
 * created is removed at the end, also on failure or Ctrl-C. On two cores the api suite takes under
 * two minutes by default, about half of it seeding; the sync suite about three, also half of it
 * seeding, and it needs the local Postgres; the browser suite about ten minutes, most of it filling
 * IndexedDB with 100,000 rows (BENCH_BROWSER_SIZES=10000 takes one); the initial-sync suite about
 * three, a third of it building the app and seeding; the load suite about seven, one or two of them seeding
 * (a knee that comes later adds 35 s per doubling, up to three minutes more).
 * `npm run bench` starts it with `node --import tsx`, not the tsx CLI: the CLI relays Ctrl-C and
 * SIGKILLs its child when that does not acknowledge within 30 ms, which a process busy generating
 * load often cannot, and the kill would leave the temporary database behind.
 *
 * Environment:
 *   BENCH_SECONDS       measured seconds per scenario (default 8; the warm-up is a quarter, at least 1)
 *   BENCH_INTERACTIONS  interactions seeded before the scenarios (default 100000)
 *   BENCH_CONNECTIONS   concurrent connections of the load generator (default 32)
 *   BENCH_DATABASE_URL  a Postgres database to use as it is: migrated, seeded only when empty, never
 *                       dropped. Default: a temporary database ims_bench_<random> created on
 *                       postgres://postgres@127.0.0.1:5432/postgres and dropped at the end; when that
 *                       server is unreachable, embedded PGlite, flagged in the output.
 *   BENCH_SUITES        comma-separated suites to run, like the arguments (default: all)
 *   BENCH_BROWSER_SIZES local interactions the browser suite loads into a fresh browser profile and
 *                       measures at, comma-separated (default 10000,100000)
 *   BENCH_BROWSER_PROFILE=1  the browser suite also records Chromium's CPU profiles of one more Finder
 *                       open, three sort changes and ten saves per size, saves them beside the results
 *                       (for DevTools) and prints where the time went
 *   BENCH_INITIAL_SYNC_DOCUMENTS  documents in the site the initial-sync suite replicates (default 10000)
 *   BENCH_INITIAL_SYNC_RUNS       fresh profiles it syncs; the median is reported (default 3)
 *   BENCH_INITIAL_SYNC_PROFILE=1  it also syncs one more fresh profile under Chromium's CPU profiler,
 *                       saves the profile beside the results and prints every stretch of 100 ms or more
 *                       that the page was busy, by the app function it was spent under
 *   BENCH_COLLAB_RUNS   head-to-head runs of the collab suite, each on fresh server processes (default 5)
 *   BENCH_SEARCH_SIZES  local records the search suite measures at, comma-separated (default 10000,100000)
 *   BENCH_LOAD_DEVICES  simulated devices in the load suite's one- and two-instance runs (default 200)
 *   BENCH_LOAD_SECONDS  measured seconds of each of those runs (default 60); the defaults below follow it
 *   BENCH_LOAD_RAMP_SECONDS   seconds over which a run's devices sign in (default seconds/6, 2 to 10)
 *   BENCH_LOAD_KNEE_MAX       most devices the knee search tries, doubling from 50 (default 1600)
 *   BENCH_LOAD_KNEE_SECONDS   measured seconds per knee step (default seconds/3, at least 10)
 *   BENCH_LOAD_NOTIFY_MAX     most concurrent writers of the commit-rate scenario, doubling from 1 (default 64)
 *   BENCH_LOAD_NOTIFY_SECONDS measured seconds per writer count (default seconds/12, at least 2)
 *   BENCH_LOAD_SEED     seeds the devices' choices; printed at the start (default random)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiSuite } from './api/suite';
import { backupSuite } from './backup/suite';
import { browserSuite } from './browser/suite';
import { collabSuite } from './collab/suite';
import { initialSyncSuite } from './initial-sync/suite';
import { loadSuite } from './load/suite';
import { searchSuite } from './search/suite';
import { syncSuite } from './sync/suite';
import { Cleanup } from './lib/cleanup';
import { describeMachine, machineSnapshot } from './lib/machine';
import { writeResults } from './lib/results';
import { readSettings } from './lib/settings';
import type { BenchSuite } from './lib/suite';
import { formatTable } from './lib/table';

// A new suite is one entry here and a folder beside api/.
const SUITES: readonly BenchSuite[] = [apiSuite, syncSuite, browserSuite, initialSyncSuite, collabSuite, searchSuite, loadSuite, backupSuite];

let current: Cleanup | undefined;
let interrupted = false;

async function main(): Promise<void> {
  const settings = readSettings();
  const named = process.argv.slice(2);
  for (const suite of chosenSuites(named.length > 0 ? named : settings.suites)) {
    console.log(`\n=== ${suite.name}: ${suite.summary}`);
    const cleanup = new Cleanup();
    current = cleanup;
    try {
      const workDir = await mkdtemp(join(tmpdir(), `ims-bench-${suite.name}-`));
      cleanup.add(`remove ${workDir}`, () => rm(workDir, { recursive: true, force: true }));
      const startedAt = new Date();
      const machine = machineSnapshot();
      console.log(`machine: ${describeMachine(machine)}`);
      const report = await suite.run({ settings, cleanup, workDir, log: (line) => console.log(line) });

      console.log('');
      for (const [label, value] of [['machine', describeMachine(machine)], ...report.facts]) console.log(`${label}: ${value}`);
      console.log(`\n${formatTable(report.table.columns, report.table.rows)}\n`);
      const path = await writeResults({ suite: suite.name, startedAt, settings, machine, facts: report.facts, raw: report.raw });
      console.log(`raw figures: ${path}`);
    } finally {
      await cleanup.run();
      current = undefined;
    }
  }
}

function chosenSuites(names: string[]): readonly BenchSuite[] {
  if (names.length === 0) return SUITES;
  const unknown = names.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}; there are: ${SUITES.map((suite) => suite.name).join(', ')}`);
  }
  return SUITES.filter((suite) => names.includes(suite.name));
}

// Ctrl-C must still drop the temporary database and stop the server process.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void (current?.run() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(interrupted ? 130 : 0),
  (error: unknown) => {
    // After a signal the suite fails because its processes were stopped; the handler exits.
    if (interrupted) return;
    console.error(error);
    process.exit(1);
  }
);
