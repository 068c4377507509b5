import { loadavg } from 'node:os';
import { provisionDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import { startServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount } from '../lib/table';
import { BENCH_EMAIL, BENCH_SITE } from './fixtures';
import { BenchClient, requestToken } from './http-client';
import { measureIdle, sampleRss } from './idle';
import { LIVE_STREAMS, measureLive } from './live';
import { collectSite, measurePull, PULLERS } from './pull';
import { measurePush, PUSHERS, PUSH_DOCUMENTS_NEEDED } from './push';
import { COLUMNS, idleLine, liveLine, pullLine, pushLine, tableRows } from './report';

/**
 * Replication on a seeded database: pull and push throughput, live propagation to open streams,
 * and the memory of a thousand idle streams, each beside a baseline measured in the same run.
 * Fixed amounts of work rather than fixed times, so BENCH_SECONDS and BENCH_CONNECTIONS do not
 * apply; BENCH_INTERACTIONS sets the size (half of it lands in the site measured).
 */
export const syncSuite: BenchSuite = {
  name: 'sync',
  summary: 'replication: pull, push with merge, live propagation and idle streams, each against a same-run baseline',
  async run({ settings, cleanup, workDir, log }) {
    const database = await provisionDatabase({ settings, dataDir: workDir, cleanup });
    log(`database: ${database.description}`);
    const databaseUrl = database.kind === 'postgres' ? database.settings.databaseUrl : undefined;
    if (!databaseUrl) {
      // The targets are Postgres figures, and the push's baseline writes to Postgres directly.
      log('skipped: the sync suite measures Postgres only');
      return { facts: [['skipped', database.description]], table: { columns: COLUMNS, rows: [] }, raw: { skipped: database.description } };
    }
    const seed = await seedDatabase({ database, interactions: settings.interactions, log });
    const server = await startServerProcess({
      env: { DATABASE_URL: databaseUrl, DATA_DIR: workDir },
      extensions: [new URL('./baseline-route.ts', import.meta.url)]
    });
    cleanup.add('stop the server process', server.stop);
    const token = await requestToken(server.url, BENCH_EMAIL);
    const client = new BenchClient({ url: server.url, token, sockets: Math.max(PULLERS, PUSHERS) });
    cleanup.add('close the client connections', () => client.close());
    log(`server on ${server.url} (pid ${server.pid})`);

    // Also the pull's warm-up: one full pass, parsed, before anything is timed.
    const site = await collectSite(client);
    log(`${BENCH_SITE.name}: ${formatCount(site.length)} documents`);
    if (site.length < PUSH_DOCUMENTS_NEEDED + 1) {
      throw new Error(`the site holds ${site.length} documents; raise BENCH_INTERACTIONS so it holds ${PUSH_DOCUMENTS_NEEDED + 1}`);
    }
    const pull = await measurePull(client);
    log(pullLine(pull));
    // The live scenario's document is one the push leaves alone, so its pulled version is current.
    const [liveDocument, ...pushDocuments] = site;
    const push = await measurePush({ client, databaseUrl, documents: pushDocuments });
    log(pushLine(push));
    const live = await measureLive({ url: server.url, token, client, document: liveDocument });
    log(liveLine(live));
    const busyRss = await sampleRss(server.pid);
    log(`RSS of the instance after pull, push and live: ${formatCount(busyRss / 1e6)} MB`);
    client.close();
    await server.stop();
    // A fresh instance, so that before and after differ by the streams alone.
    const idleServer = await startServerProcess({ env: { DATABASE_URL: databaseUrl, DATA_DIR: workDir } });
    cleanup.add('stop the idle scenario’s server process', idleServer.stop);
    const idleToken = await requestToken(idleServer.url, BENCH_EMAIL);
    const idle = await measureIdle({ url: idleServer.url, token: idleToken, pid: idleServer.pid });
    log(idleLine(idle));

    const figures = { pull, push, live, idle };
    return {
      facts: [
        ['database', database.description],
        ['interactions', `${formatCount(seed.interactions)} seeded, ${formatCount(site.length)} in ${BENCH_SITE.name}`],
        ['server', 'own Node process, production config (pg pool of 10), logging off, rate limit lifted'],
        ['load generator', `this process, node:http; ${LIVE_STREAMS} and then 1,000 streams on their own connections`],
        ['live', 'timed from sending the push, so each figure includes the push itself (merge and commit)'],
        ['idle', `a fresh server process; the one that ran pull, push and live held ${formatCount(busyRss / 1e6)} MB RSS`],
        // The machine line gives the load when the suite started; others' work may have come or gone since.
        ['load average at the end', loadavg()[0].toFixed(2)]
      ],
      table: { columns: COLUMNS, rows: tableRows(figures) },
      raw: { database: { kind: database.kind, description: database.description }, seed, siteDocuments: site.length, busyRss, ...figures }
    };
  }
};
