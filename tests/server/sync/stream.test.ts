import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../../src/lib/domain/sync-protocol';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { MAX_BUFFERED_BYTES } from '../../../sync-server/sync/event-stream';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { carries, isResync, listen, openStream, type RefusedStream, type StreamClient } from './event-stream-client';
import { pull, push, pushAndAdopt, Replica, UNTHROTTLED } from './replica';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const CLEO = 'cleo@example.org';
const EVE = 'eve@example.org';

describe.each(testDatabases)('GET /api/sync/:siteId/stream on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;
  const opened: StreamClient[] = [];

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
  });
  afterEach(() => {
    for (const client of opened.splice(0)) client.close();
  });
  afterAll(() => api?.dispose());

  /** A stream as a demo user that has started: its first message, RESYNC, has arrived. */
  async function stream(email: string, siteId = LEEDS.id): Promise<StreamClient> {
    const client = await openStream(baseUrl, siteId, await api.token(email));
    if ('status' in client) throw new Error(`stream refused: ${client.status} ${JSON.stringify(client.body)}`);
    opened.push(client);
    await client.waitFor(() => true, 'the first message');
    expect(isResync(client.events[0]), 'the first message is RESYNC').toBe(true);
    return client;
  }

  const createThroughRest = async (email: string, fields = {}, siteId = LEEDS.id) => {
    const response = await api.as(email, { method: 'POST', url: '/api/interactions', payload: { siteId, ...validFields(fields) } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };

  it('sends a record pushed through sync as documents with a checkpoint a pull can resume from', async () => {
    const client = await stream(BEN);
    const replica = Replica.create({ title: 'Pushed while streaming' });
    await push(api, ADA, [replica.row()]);

    const event = await client.waitFor(carries(replica.id), 'the pushed record');
    const message = JSON.parse(event.data) as Exclude<StreamMessage, 'RESYNC'>;
    expect(message.documents).toEqual([expect.objectContaining({ id: replica.id, title: 'Pushed while streaming', siteId: LEEDS.id })]);
    expect(message.documents[0].crdt).toEqual(expect.any(String));
    const after = await pull(api, BEN, { checkpoint: message.checkpoint });
    expect(after.documents.map((document) => document.id)).not.toContain(replica.id);
  });

  it('sends a record written through the REST API, and its deletion as a tombstone', async () => {
    const client = await stream(CLEO);
    const id = await createThroughRest(BEN, { title: 'Through REST' });
    await client.waitFor(carries(id, (document) => document.title === 'Through REST'), 'the created record');

    const removed = await api.as(BEN, { method: 'DELETE', url: `/api/interactions/${id}` });
    expect(removed.statusCode, removed.body).toBe(204);
    await client.waitFor(carries(id, (document) => document.deleted), 'the tombstone');
  });

  it('sends a change to every open stream of the site and to no other site’s', async () => {
    const leeds = [await stream(BEN), await stream(CLEO)];
    const toronto = await stream(ADA, TORONTO.id);
    const id = await createThroughRest(ADA, { title: 'For Leeds' });
    for (const client of leeds) await client.waitFor(carries(id), 'the Leeds record');
    const torontoId = await createThroughRest(ADA, { title: 'For Toronto' }, TORONTO.id);
    await toronto.waitFor(carries(torontoId), 'the Toronto record');
    expect(toronto.documents().map((document) => document.id)).not.toContain(id);
    for (const client of leeds) expect(client.documents().map((document) => document.id)).not.toContain(torontoId);
  });

  it('answers 403 to someone who is not a member of the site, before streaming', async () => {
    const refused = (await openStream(baseUrl, LEEDS.id, await api.token(EVE))) as RefusedStream;
    expect(refused.status).toBe(403);
    expect(refused.contentType).toMatch(/application\/json/);
    expect(refused.body.error?.code).toBe('SITE_FORBIDDEN');
  });

  it('answers 401 without a token', async () => {
    const refused = (await openStream(baseUrl, LEEDS.id, undefined)) as RefusedStream;
    expect(refused.status).toBe(401);
  });

  it('ends a revoked member’s stream with access-changed, and leaves the others open', async () => {
    const ben = await stream(BEN);
    const ada = await stream(ADA);
    try {
      const revoked = await api.as(ADA, { method: 'DELETE', url: `/api/sites/${LEEDS.id}/members/${demoUser(BEN).id}` });
      expect(revoked.statusCode, revoked.body).toBe(204);

      const event = await ben.waitFor((candidate) => candidate.event === 'access-changed', 'access-changed');
      expect(JSON.parse(event.data)).toEqual({ siteId: LEEDS.id });
      await withTimeout(ben.ended, 'the revoked stream to end');
      const again = await openStream(baseUrl, LEEDS.id, await api.token(BEN));
      expect((again as RefusedStream).status).toBe(403);

      const id = await createThroughRest(ADA, { title: 'After the revocation' });
      await ada.waitFor(carries(id), 'a change on the admin’s stream');
      expect(ben.documents().map((document) => document.id)).not.toContain(id);
    } finally {
      await api.as(ADA, { method: 'PUT', url: `/api/sites/${LEEDS.id}/members/${demoUser(BEN).id}`, payload: { role: 'user' } });
    }
  });

  it('ends a member’s stream when their role changes, so it reopens under the new role', async () => {
    const cleo = await stream(CLEO);
    try {
      const changed = await api.as(ADA, { method: 'PUT', url: `/api/sites/${LEEDS.id}/members/${demoUser(CLEO).id}`, payload: { role: 'user' } });
      expect(changed.statusCode, changed.body).toBeLessThan(300);
      await cleo.waitFor((event) => event.event === 'access-changed', 'access-changed');
      await withTimeout(cleo.ended, 'the stream to end');
    } finally {
      await api.as(ADA, { method: 'PUT', url: `/api/sites/${LEEDS.id}/members/${demoUser(CLEO).id}`, payload: { role: 'viewer' } });
    }
  });

  it('forgets a stream whose client went away', async () => {
    const before = api.app.siteStreams.streamCount;
    const client = await stream(BEN);
    expect(api.app.siteStreams.streamCount).toBe(before + 1);
    client.close();
    await waitFor(() => api.app.siteStreams.streamCount === before, 'the stream to be forgotten');
  });

  it('drops a client that never reads once its backlog passes the cap, and keeps one that reads', async () => {
    const reader = await stream(BEN);
    const idle = await openStream(baseUrl, LEEDS.id, await api.token(CLEO), { read: false });
    if ('status' in idle) throw new Error(`stream refused: ${idle.status}`);
    opened.push(idle);
    const streams = api.app.siteStreams.streamCount;

    // Long records, so that the socket buffers on both ends fill and the backlog grows past the cap.
    const description = 'A long account of the meeting. '.repeat(300);
    const sent: string[] = [];
    let bytes = 0;
    while (api.app.siteStreams.streamCount === streams) {
      if (bytes > 64 * MAX_BUFFERED_BYTES) throw new Error(`the idle client was not dropped after ${bytes} bytes`);
      const batch = Array.from({ length: 50 }, (_, index) => Replica.create({ title: `Bulk ${sent.length + index}`, description }));
      await push(api, BEN, batch.map((replica) => replica.row()));
      sent.push(...batch.map((replica) => replica.id));
      bytes += batch.length * description.length * 2;
      // The feed sends each batch once it is committed; wait for the reader to have it.
      await reader.waitFor(carries(sent[sent.length - 1]), 'the batch on the reading stream');
    }
    await waitFor(() => api.app.siteStreams.streamCount === streams - 1, 'the idle stream to be dropped');
    const received = new Set(reader.documents().map((document) => document.id));
    expect(sent.filter((id) => !received.has(id))).toEqual([]);
    expect(api.app.siteStreams.streamCount).toBe(streams - 1);
  });

  it.runIf(testDatabase.kind === 'postgres')(
    'asks its clients to resync after the listening connection was lost, and goes on (Postgres only)',
    async () => {
      const client = await stream(BEN);
      // The one connection the process listens on: its last statement was a LISTEN.
      const { rows } = await api.db.query<{ terminated: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS terminated FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`
      );
      expect(rows[0].terminated).toBe(1);
      await client.waitFor((event) => event !== client.events[0] && isResync(event), 'a second RESYNC');

      const id = await createThroughRest(ADA, { title: 'After the reconnect' });
      await client.waitFor(carries(id), 'a change after the reconnect');
    }
  );

  it.runIf(testDatabase.kind === 'postgres')(
    'sends a row held back by a running transaction once it commits, before the rows after it (Postgres only)',
    async () => {
      const held = Replica.create({ title: 'To be held' });
      await pushAndAdopt(api, BEN, [held]);
      const client = await stream(BEN);

      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let taken!: () => void;
      const updated = new Promise<void>((resolve) => (taken = resolve));
      const holding = api.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE interactions SET title = 'Held write', server_seq = nextval('interactions_server_seq') WHERE id = $1`,
          [held.id]
        );
        taken();
        await gate;
      });
      try {
        await updated;
        const later = Replica.create({ title: 'Committed meanwhile' });
        await push(api, BEN, [later.row()]);
        release();
        await holding;

        await client.waitFor(carries(later.id), 'the later row');
        const order = client.documents().map((document) => [document.id, document.title]);
        expect(order.filter(([id]) => id === held.id || id === later.id)).toEqual([
          [held.id, 'Held write'],
          [later.id, 'Committed meanwhile']
        ]);
      } finally {
        release();
        await holding.catch(() => {});
      }
    }
  );
});

async function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
