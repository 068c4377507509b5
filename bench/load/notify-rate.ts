import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PushResponse } from '../../src/lib/domain/sync-protocol';
import { BenchClient, requestToken } from '../sync/http-client';
import { BENCH_EMAIL, BENCH_SITE } from '../sync/fixtures';
import { ReplicaDocument } from './replica-document';
import { firstDocuments } from './site-documents';
import { loopWriters, type RateFigures } from './writers';

const WARMUP_SECONDS = 1;
/** A rate within this share of the series' best has flattened: more writers buy no more than noise. */
export const NEAR_BEST = 0.9;
const CHANNEL = 'bench_load_commit';

export interface NotifyRateFigures {
  /** Pushes of one record each (one commit, one NOTIFY) through the server, by concurrent writers. */
  pushes: RateFigures[];
  /** One-row UPDATE transactions straight into Postgres that also NOTIFY, as every push's commit does. */
  sqlWithNotify: RateFigures[];
  /** The same transactions without NOTIFY: what the lock NOTIFY takes at commit costs. */
  sqlWithoutNotify: RateFigures[];
  /** Pushes the server answered as conflicts (see measurePushes). */
  conflicts: number;
}

/**
 * Commits per second as concurrent writers double from 1 to `maxWriters`: through the server (each
 * push carries one record, so each is one notifying commit), and straight into Postgres with and
 * without a NOTIFY in the transaction. Postgres takes one lock for the whole cluster (every database
 * on the server) at the commit of each transaction that notified, and holds it until the commit is
 * flushed, so notifying commits serialise, one WAL flush each, where others share flushes: where
 * the NOTIFY series flattens below the other, that lock is the limit.
 */
export async function measureNotifyRate(options: {
  serverUrl: string;
  databaseUrl: string;
  maxWriters: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<NotifyRateFigures> {
  const levels = writerLevels(options.maxWriters);
  const figures: NotifyRateFigures = { pushes: [], sqlWithNotify: [], sqlWithoutNotify: [], conflicts: 0 };
  const token = await requestToken(options.serverUrl, BENCH_EMAIL);
  const documents = await firstDocuments({
    url: options.serverUrl,
    email: BENCH_EMAIL,
    siteId: BENCH_SITE.id,
    count: levels.reduce((sum, writers) => sum + writers, 0)
  });
  const client = new BenchClient({ url: options.serverUrl, token, sockets: options.maxWriters });
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxWriters });
  const table = `bench_load_commits_${randomBytes(4).toString('hex')}`;
  try {
    await pool.query(`CREATE TABLE ${table} (writer int PRIMARY KEY, commits bigint NOT NULL DEFAULT 0)`);
    await pool.query(`INSERT INTO ${table} (writer) SELECT generate_series(0, $1 - 1)`, [options.maxWriters]);
    for (const writers of levels) {
      // Fresh records for each level, so no record's state grows over the scenario.
      const replicas = documents.splice(0, writers).map((document) => new ReplicaDocument(document));
      const pushes = await measurePushes({ client, replicas, seconds: options.seconds, onConflict: () => figures.conflicts++ });
      for (const replica of replicas) replica.destroy();
      const sqlWithNotify = await measureSql({ pool, table, writers, seconds: options.seconds, notify: true });
      const sqlWithoutNotify = await measureSql({ pool, table, writers, seconds: options.seconds, notify: false });
      figures.pushes.push(pushes);
      figures.sqlWithNotify.push(sqlWithNotify);
      figures.sqlWithoutNotify.push(sqlWithoutNotify);
      options.log(
        `  ${writers} writers: ${Math.round(pushes.perSecond)} pushes/s (p99 ${Math.round(pushes.p99Ms)} ms); SQL ` +
          `${Math.round(sqlWithNotify.perSecond)} commits/s with NOTIFY, ${Math.round(sqlWithoutNotify.perSecond)} without`
      );
    }
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pool.end();
    client.close();
  }
  return figures;
}

/**
 * A push assumes the version its writer last knew; the server does not say the new serverSeq of a
 * change it took, so a writer's next push of the same record is answered as a conflict, with the
 * merged record, which the writer takes in. The commit is the same either way.
 */
async function measurePushes(options: {
  client: BenchClient;
  replicas: ReplicaDocument[];
  seconds: number;
  onConflict: () => void;
}): Promise<RateFigures> {
  return loopWriters({
    writers: options.replicas.length,
    warmupSeconds: WARMUP_SECONDS,
    seconds: options.seconds,
    write: async (writer) => {
      const replica = options.replicas[writer];
      const body = JSON.stringify([replica.followUp(new Date())]);
      const answer = JSON.parse(await options.client.request('POST', `/api/sync/${replica.siteId}/push`, body)) as PushResponse;
      if (answer.refused.length > 0) throw new Error(`the push was refused: ${JSON.stringify(answer.refused)}`);
      for (const merged of answer.conflicts) {
        replica.catchUp(merged);
        options.onConflict();
      }
    }
  });
}

/**
 * One transaction per write, each writer on its own row so that no row lock is shared: one round
 * trip of two statements in one implicit transaction (the simple query protocol), committed and
 * flushed as a push's is (synchronous_commit as the server has it).
 */
function measureSql(options: { pool: pg.Pool; table: string; writers: number; seconds: number; notify: boolean }): Promise<RateFigures> {
  const { pool, table, notify } = options;
  return loopWriters({
    writers: options.writers,
    warmupSeconds: WARMUP_SECONDS,
    seconds: options.seconds,
    write: async (writer) => {
      const update = `UPDATE ${table} SET commits = commits + 1 WHERE writer = ${writer}`;
      await pool.query(notify ? `${update}; SELECT pg_notify('${CHANNEL}', '${writer}')` : update);
    }
  });
}

/** 1, 2, 4, … up to `max`, which is included even when it is no power of two. */
function writerLevels(max: number): number[] {
  const levels: number[] = [];
  for (let writers = 1; writers < max; writers *= 2) levels.push(writers);
  levels.push(max);
  return levels;
}

/**
 * Where the series levels off: the fewest writers that reach NEAR_BEST of its best rate, or
 * undefined when only the last level does (it may still be climbing). Judged against the best
 * rather than level by level, so one noisy level does not end the climb early.
 */
export function flattening(series: RateFigures[]): RateFigures | undefined {
  const best = Math.max(...series.map((level) => level.perSecond));
  const index = series.findIndex((level) => level.perSecond >= best * NEAR_BEST);
  return index < series.length - 1 ? series[index] : undefined;
}
