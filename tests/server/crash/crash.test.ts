// Crash test: the real server process, on a real Postgres, is killed with SIGKILL again and again
// while concurrent writers create, edit and delete records (REST) and push Yjs states (replication),
// and Postgres itself is stopped in immediate mode and started again once. Proves that every write
// the server acknowledged survives exactly once and as written, that lost requests can be resent
// safely, and that a puller running through it all ends with exactly what a pull from the start sees.
//
// Postgres is a private cluster the test creates (initdb) and removes, so its restart disturbs no
// other test file; the test is skipped only where no Postgres binaries are installed.
//
//   npm run test:crash                         3 kills (CI size)
//   CRASH_CYCLES=50 npm run test:crash         a longer run
//   CRASH_SEED=<n> npm run test:crash          replays a seed: the writers' choices and the kill
//                                              moments; how requests interleave depends on timing
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashCycles } from './crash-run';
import { formatFigures } from './figures';
import { findPostgresBinaries, startPrivateCluster, type PrivateCluster } from './private-cluster';
import { ServerSupervisor } from './server-supervisor';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const DEMO_INTERACTIONS = 40;
// A server start (tsx compiling it, then migrations) took 15–21 s with the machine's load at 16–21
// on two cores, and about 3 s when idle; a cycle is one start and some seconds of writing.
const TEST_TIMEOUT_MS = 90_000 + CYCLES * 30_000;
// Kept for the final checks after the writers' deadline.
const CHECK_MARGIN_MS = 30_000;

const binaries = findPostgresBinaries();

describe.skipIf(!binaries)('the server under SIGKILL and a Postgres restart', () => {
  let cluster: PrivateCluster | undefined;
  let server: ServerSupervisor | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    cluster = await startPrivateCluster(binaries as string);
    dataDir = await mkdtemp(join(tmpdir(), 'ims-crash-data-'));
    server = await ServerSupervisor.create({ databaseUrl: cluster.url, dataDir, demoInteractions: DEMO_INTERACTIONS });
  });

  // Runs on failure too: every process here was started by this file and is stopped by its PID.
  afterAll(async () => {
    await server?.kill();
    await cluster?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write through ${CYCLES} kills and a Postgres restart`, { timeout: TEST_TIMEOUT_MS }, async () => {
    if (!cluster || !server) throw new Error('the cluster or the server was not set up');
    console.log(`crash test: seed ${SEED} (replay with CRASH_SEED=${SEED}), ${CYCLES} cycles`);
    const began = performance.now();
    const deadline = Date.now() + TEST_TIMEOUT_MS - CHECK_MARGIN_MS;
    const { problems, figures } = await runCrashCycles({ cluster, server, cycles: CYCLES, seed: SEED, deadline });

    console.log(formatFigures({ ...figures, totalMs: Math.round(performance.now() - began), load: loadavg() }));
    if (server.errorLines.length > 0) console.log(`crash test: the server logged these errors:\n${server.errorLines.join('\n')}`);
    // Soft, so that one run reports every kind of finding at once.
    expect.soft(problems, `seed ${SEED}: acknowledged writes lost, changed or doubled`).toEqual([]);
    expect.soft(server.ownExits, `seed ${SEED}: the server crashed by itself`).toEqual([]);
    expect.soft(figures.disruptions.hangs, `seed ${SEED}: requests without an answer`).toEqual([]);
    expect.soft(figures.disruptions.serverErrors, `seed ${SEED}: 5xx other than 503 (the server's log is printed above)`).toEqual([]);
  });
});
