import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import type { Database } from '../../../sync-server/db/database';
import { DatabaseUnavailableError } from '../../../sync-server/db/database-unavailable';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { demoUser, type ApiFixture } from '../helpers/api-fixture';
import { buildTestApp } from '../helpers/build-app';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { listen, openReplica } from '../replication/replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const BEN = demoUser('ben@example.org');

// Embedded PGlite cannot become unreachable, so this runs on Postgres only (CI always has one). The
// app reaches its database through a relay the test cuts, as a restart or fail-over would.
describe.each(testDatabases.filter(({ kind }) => kind === 'postgres'))('a database that goes away ($kind)', (testDatabase) => {
  let handle: DisposableDatabase;
  let proxy: TcpProxy;
  let db: Database;
  let app: FastifyInstance;
  let fixture: ApiFixture;

  beforeAll(async () => {
    handle = await testDatabase.open();
    const target = new URL(handle.url!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const relayed = new URL(handle.url!);
    relayed.host = `127.0.0.1:${proxy.port}`;
    db = openPostgresDatabase({ connectionString: relayed.toString(), maxConnections: 4 });
    app = await buildTestApp({ database: db });
    await seedDemoData(db, { interactions: 0 });
    fixture = {
      app,
      db,
      token: async (email) => (await app.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email } })).json().access_token,
      as: async (email, request) => app.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${await fixture.token(email)}` } }),
      dispose: async () => {}
    };
  });
  afterAll(async () => {
    app?.server.closeAllConnections();
    await app?.close();
    await db?.close();
    await proxy?.close();
    await handle?.dispose();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while it is gone, and serves again once it is back', async () => {
    const token = await fixture.token(BEN.email);
    const headers = { authorization: `Bearer ${token}` };
    proxy.cut();
    try {
      for (const request of [
        { method: 'POST' as const, url: '/api/interactions', payload: leedsMeetingBody() },
        { method: 'GET' as const, url: `/api/interactions?siteId=${LEEDS.id}` },
        { method: 'GET' as const, url: `/api/sync/${LEEDS.id}/pull` }
      ]) {
        const response = await app.inject({ ...request, headers });
        expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json().error.code).toBe('DATABASE_UNAVAILABLE');
      }
    } finally {
      proxy.restore();
    }
    await waitFor(async () => (await app.inject({ method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}`, headers })).statusCode === 200, 'the API serves again');
    const created = await app.inject({ method: 'POST', url: '/api/interactions', payload: leedsMeetingBody(), headers });
    expect(created.statusCode).toBe(201);
  });

  it('survives a connection lost in the middle of a transaction, and answers for it as unavailable', async () => {
    // The pool hears errors of idle connections only: one lost between two statements of a
    // transaction once went unheard, an uncaught exception that stopped the whole server.
    const outcome = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      proxy.cut();
      // A new connection being refused comes after the old one's end has reached its client.
      await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await tx.query('SELECT 1');
    });
    try {
      await expect(outcome).rejects.toBeInstanceOf(DatabaseUnavailableError);
    } finally {
      proxy.restore();
    }
    await waitFor(async () => (await db.query('SELECT 1').then(() => true, () => false)), 'the database is reachable again');
  });

  it('has the app’s replication wait as if offline, then send what waited', async () => {
    const baseUrl = await listen(fixture);
    const replica = await openReplica({ fixture, baseUrl, email: BEN.email, siteId: LEEDS.id });
    try {
      await waitFor(() => replica.status().phase === 'synced', 'the first sync');
      proxy.cut();
      const written = await createInteractionIn(replica.database, { userId: BEN.id, fields: validFields({ title: 'Written during the outage' }) });
      await waitFor(() => replica.status().phase === 'offline', 'the sync says it waits');
      expect(replica.status().error).toBeNull();
      proxy.restore();
      await waitFor(
        async () => (await replica.database.interactions.findOne(written.id).exec())?.toJSON().pendingSync === false,
        'the waiting change is sent',
        20_000
      );
      const { rows } = await db.query<{ title: string }>('SELECT title FROM interactions WHERE id = $1', [written.id]);
      expect(rows).toEqual([{ title: 'Written during the outage' }]);
    } finally {
      proxy.restore();
      await replica.close();
    }
  });
});
