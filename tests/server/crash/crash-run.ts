import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { hasHeldBackChanges } from '../../../sync-server/repositories/sync-repository';
import { createRandom } from '../collab/fuzz-random';

import { CrashClient } from './crash-client';
import { findDurabilityProblems } from './durability-checks';
import type { CrashFigures } from './figures';
import type { PrivateCluster } from './private-cluster';
import { Puller } from './puller';
import type { ServerSupervisor } from './server-supervisor';
import { Writer } from './writer';
import { waitFor } from '../../support/wait-for';

export interface CrashRunOptions {
  cluster: PrivateCluster;
  /** Created, not started: the run starts it. */
  server: ServerSupervisor;
  cycles: number;
  seed: number;
  /** When every loop of the run gives up (ms since the epoch); the final checks come after. */
  deadline: number;
}

export interface CrashOutcome {
  /** What the crashes broke, one line each (see durability-checks). */
  problems: string[];
  figures: Omit<CrashFigures, 'totalMs' | 'load'>;
}

// Ada (admin) and Ben (user) may create, edit and delete their own records in Leeds; Cleo (viewer) reads.
const WRITER_EMAILS = ['ben@example.org', 'ada@example.org', 'ben@example.org', 'ada@example.org'];
const PULLER_EMAIL = 'cleo@example.org';
// Each cycle's writers make this much progress before the kill can come, then run up to the
// longest extra time more: kills land at random points of steady writing, not only after a start.
const WRITES_BEFORE_KILL = 20;
const LONGEST_EXTRA_RUN_MS = 1_500;
// Long enough for a server that crashed by itself to be started again (see ServerSupervisor).
const PROGRESS_TIMEOUT_MS = 60_000;

/**
 * Writers and a puller run against the server while it is killed `cycles` times and Postgres is
 * restarted once (in a cycle the seed picks); then everything acknowledged is checked.
 */
export async function runCrashCycles({ cluster, server, cycles, seed, deadline }: CrashRunOptions): Promise<CrashOutcome> {
  const random = createRandom(seed);
  const client = new CrashClient(server, deadline);
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
    WRITER_EMAILS.map(async (email, index) => new Writer({ name: `W${index + 1}`, token: await token(email), client, random: createRandom(seed + index + 1) }))
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
    const check = () => {
      if (failure !== undefined) throw failure;
      server.throwIfBroken();
      return acknowledged() >= target;
    };
    await waitFor(check, `${writes} more acknowledged writes`, PROGRESS_TIMEOUT_MS);
  };

  const postgresRestartCycle = 1 + random.int(cycles);
  let postgresRestartMs = 0;
  try {
    for (let cycle = 1; cycle <= cycles; cycle++) {
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
  } catch (error) {
    client.abandon();
    throw error;
  } finally {
    // Each loop finishes the write it has begun (resending it until acknowledged) and stops.
    stopping = true;
    await Promise.all(loops);
  }
  if (failure !== undefined) throw failure;

  const db = openPostgresDatabase({ connectionString: cluster.url, maxConnections: 2 });
  try {
    await waitFor(async () => !(await hasHeldBackChanges(db, LEEDS.id)), 'no held-back rows');
    await puller.catchUp();
    const fullPull = new Puller({ client, token: pullerToken, siteId: LEEDS.id });
    await fullPull.catchUp();
    return {
      problems: await findDurabilityProblems({ db, writers, initialIds, incremental: puller, fullPull }),
      figures: {
        seed,
        cycles,
        writers,
        disruptions: client.disruptions,
        serverStartsMs: server.startDurations,
        serverCrashes: server.ownExits.length,
        clusterStartMs: cluster.startMs,
        postgresRestartMs,
        recordsChecked: fullPull.view.size
      }
    };
  } finally {
    await db.close();
  }
}
