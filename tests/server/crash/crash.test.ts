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
import type { Database } from '../../../sync-server/db/database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { hasHeldBackChanges } from '../../../sync-server/repositories/sync-repository';
import { createRandom } from '../collab/fuzz-random';
import { waitFor } from '../sync/replica';
import { CrashClient } from './crash-client';
import { findDurabilityProblems } from './durability-checks';
import { formatFigures } from './figures';
import { findPostgresBinaries, startPrivateCluster, type PrivateCluster } from './private-cluster';
import { Puller } from './puller';
import { ServerSupervisor } from './server-supervisor';
import { Writer } from './writer';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
// Ada (admin) and Ben (user) may create, edit and delete their own records in Leeds; Cleo (viewer) reads.
const WRITER_EMAILS = ['ben@example.org', 'ada@example.org', 'ben@example.org', 'ada@example.org'];
const PULLER_EMAIL = 'cleo@example.org';
const DEMO_INTERACTIONS = 40;
// Each cycle's writers make this much progress before the kill can come, then up to the longest
// extra run more: kills land at random points of steady writing, not only right after a start.
const WRITES_BEFORE_KILL = 20;
const LONGEST_EXTRA_RUN_MS = 1_500;
// A cold start compiles the server with tsx and migrates (5–10 s here); a restart takes 2–4 s.
const TEST_TIMEOUT_MS = 90_000 + CYCLES * 20_000;
// Long enough for a server that crashed by itself to be started again (see ServerSupervisor).
const PROGRESS_TIMEOUT_MS = 60_000;
// Kept for the final checks after the writers' deadline.
const CHECK_MARGIN_MS = 30_000;

const binaries = findPostgresBinaries();

describe.skipIf(!binaries)('the server under SIGKILL and a Postgres restart', () => {
  let cluster: PrivateCluster | undefined;
  let server: ServerSupervisor | undefined;
  let db: Database | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    cluster = await startPrivateCluster(binaries as string);
    dataDir = await mkdtemp(join(tmpdir(), 'ims-crash-data-'));
    server = await ServerSupervisor.create({ databaseUrl: cluster.url, dataDir, demoInteractions: DEMO_INTERACTIONS });
  });

  // Runs on failure too: every process here was started by this file and is stopped by its PID.
  afterAll(async () => {
    await server?.kill();
    await db?.close();
    await cluster?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write through ${CYCLES} kills and a Postgres restart`, { timeout: TEST_TIMEOUT_MS }, async () => {
    if (!cluster || !server) throw new Error('the cluster or the server was not set up');
    console.log(`crash test: seed ${SEED} (replay with CRASH_SEED=${SEED}), ${CYCLES} cycles`);
    const began = performance.now();
    const random = createRandom(SEED);
    const client = new CrashClient(server, Date.now() + TEST_TIMEOUT_MS - CHECK_MARGIN_MS);
    const token = async (email: string) => {
      const answer = await client.send<{ access_token: string }>({ method: 'POST', path: '/api/auth/dev/token', body: { email } });
      if (answer.status !== 200) throw new Error(`no token for ${email}: ${JSON.stringify(answer.body)}`);
      return answer.body.access_token;
    };

    await server.start();
    const pullerToken = await token(PULLER_EMAIL);
    const puller = new Puller({ client, token: pullerToken, siteId: LEEDS.id });
    await puller.catchUp();
    const initialIds = new Set(puller.view.keys());

    const writers = await Promise.all(
      WRITER_EMAILS.map(async (email, index) => new Writer({ name: `W${index + 1}`, token: await token(email), client, random: createRandom(SEED + index + 1) }))
    );
    let stopping = false;
    let failure: unknown;
    const loops = [...writers, puller].map((loop) =>
      loop.run(() => stopping || failure !== undefined).catch((error: unknown) => {
        failure ??= error;
      })
    );
    const acknowledged = () => writers.reduce((sum, writer) => sum + writer.acknowledged, 0);
    const progress = async (writes: number) => {
      const target = acknowledged() + writes;
      await waitFor(
        () => {
          if (failure !== undefined) throw failure;
          server?.throwIfBroken();
          return acknowledged() >= target;
        },
        `${writes} more acknowledged writes`,
        PROGRESS_TIMEOUT_MS
      );
    };

    const postgresRestartCycle = 1 + random.int(CYCLES);
    let postgresRestartMs = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      if (cycle > 1) await server.start();
      await progress(WRITES_BEFORE_KILL);
      if (cycle === postgresRestartCycle) {
        const restarting = performance.now();
        await cluster.restart();
        postgresRestartMs = Math.round(performance.now() - restarting);
        // The same server process must serve again once its database is back.
        await progress(WRITES_BEFORE_KILL);
      }
      await new Promise((resolve) => setTimeout(resolve, random.int(LONGEST_EXTRA_RUN_MS)));
      await server.kill();
    }
    await server.start();
    stopping = true;
    await Promise.all(loops);
    if (failure !== undefined) throw failure;

    db = openPostgresDatabase({ connectionString: cluster.url, maxConnections: 2 });
    const settled = db;
    await waitFor(async () => !(await hasHeldBackChanges(settled, LEEDS.id)), 'no held-back rows');
    await puller.catchUp();
    const fullPull = new Puller({ client, token: pullerToken, siteId: LEEDS.id });
    await fullPull.catchUp();
    const problems = await findDurabilityProblems({ db, writers, initialIds, incremental: puller, fullPull });

    console.log(
      formatFigures({
        seed: SEED,
        cycles: CYCLES,
        writers,
        disruptions: client.disruptions,
        serverStartsMs: server.startDurations,
        serverCrashes: server.ownExits.length,
        clusterStartMs: cluster.startMs,
        postgresRestartMs,
        recordsChecked: fullPull.view.size,
        totalMs: Math.round(performance.now() - began),
        load: loadavg()
      })
    );
    if (server.errorLines.length > 0) console.log(`crash test: the server logged these errors:\n${server.errorLines.join('\n')}`);
    // Soft, so that one run reports every kind of finding at once.
    expect.soft(problems, `seed ${SEED}: acknowledged writes lost, changed or doubled`).toEqual([]);
    expect.soft(server.ownExits, `seed ${SEED}: the server crashed by itself`).toEqual([]);
    expect.soft(client.disruptions.hangs, `seed ${SEED}: requests without an answer`).toEqual([]);
    expect.soft(client.disruptions.serverErrors, `seed ${SEED}: 5xx other than 503 (the server's log is printed above)`).toEqual([]);
  });
});
