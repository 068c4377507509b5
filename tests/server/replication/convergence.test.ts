import { describe, expect, it } from 'vitest';
import type { InteractionFields } from '$lib/domain';
import { createInteractionIn, deleteInteractionIn, updateInteractionIn } from '$lib/db/interaction-writes';
import type { InteractionDocument } from '$lib/db';
import { demoUser, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { useReplicaServer, type Replica } from './replicas';
import { waitFor } from '../../support/wait-for';

const BEN = demoUser('ben@example.org');
const ADA = demoUser('ada@example.org');

function fields(overrides: Partial<InteractionFields> = {}): InteractionFields {
  return {
    title: 'Food bank planning',
    type: 'Meeting',
    lead: 'Ben Carter',
    startDatetime: '2026-04-02T10:00:00+01:00',
    endDatetime: '2026-04-02T11:00:00+01:00',
    timezone: 'Europe/London',
    location: 'Hall B',
    description: 'Agreed the rota.',
    notes: null,
    ...overrides
  };
}

async function localDocument(replica: Replica, id: string): Promise<InteractionDocument | undefined> {
  return (await replica.database.interactions.findOne(id).exec())?.toJSON() as InteractionDocument | undefined;
}

interface ServerRecord {
  title: string;
  location: string | null;
  description: string;
  deleted: boolean;
  serverSeq: number;
}

async function serverRecord(fixture: ApiFixture, id: string): Promise<ServerRecord | undefined> {
  const { rows } = await fixture.db.query<ServerRecord>(
    `SELECT title, location, description, deleted, server_seq AS "serverSeq" FROM interactions WHERE id = $1`,
    [id]
  );
  return rows[0];
}

describe.each(testDatabases)('replicas converge with the server ($kind)', (testDatabase) => {
  const backend = useReplicaServer(testDatabase);
  const device = (email: string) => backend.device(email);

  /** Every replica holds the server's version: same fields, nothing pending. */
  async function expectConverged(id: string, devices: Replica[]): Promise<void> {
    await waitFor(async () => {
      const server = await serverRecord(backend.fixture, id);
      if (!server) return false;
      for (const replica of devices) {
        const local = await localDocument(replica, id);
        if (!local || local.pendingSync || local.serverSeq !== server.serverSeq) return false;
      }
      return true;
    }, `every replica has the server's version of ${id}`);
  }

  it('keeps both offline edits, of different fields and of one text, whichever reconnects first', async () => {
    for (const order of [
      ['first', 'second'],
      ['second', 'first']
    ] as const) {
      const first = await device(BEN.email);
      const second = await device(ADA.email);
      const created = await createInteractionIn(first.database, { userId: BEN.id, fields: fields({ description: 'Agreed the rota.' }) });
      await waitFor(async () => (await localDocument(second, created.id)) !== undefined, 'the record reaches the second device');

      first.network.goOffline();
      second.network.goOffline();
      await updateInteractionIn(first.database, {
        id: created.id,
        patch: { title: 'Food bank planning (revised)', description: 'Agreed the rota. Ben brings the van.' }
      });
      await updateInteractionIn(second.database, {
        id: created.id,
        patch: { location: 'Hall C', description: 'Ada checks the freezer. Agreed the rota.' }
      });

      const byName = { first, second };
      byName[order[0]].network.goOnline();
      await waitFor(async () => !(await localDocument(byName[order[0]], created.id))?.pendingSync, `${order[0]} pushed`);
      byName[order[1]].network.goOnline();
      await expectConverged(created.id, [first, second]);

      const server = (await serverRecord(backend.fixture, created.id))!;
      expect(server.title).toBe('Food bank planning (revised)');
      expect(server.location).toBe('Hall C');
      // Both insertions into the one text survive, each where its author put it.
      expect(server.description).toBe('Ada checks the freezer. Agreed the rota. Ben brings the van.');
      for (const replica of [first, second]) {
        const local = await localDocument(replica, created.id);
        expect({ title: local?.title, location: local?.location, description: local?.description }).toEqual({
          title: server.title,
          location: server.location,
          description: server.description
        });
      }
    }
  });

  it('lets a delete win over a concurrent edit on every replica', async () => {
    const editor = await device(BEN.email);
    const deleter = await device(ADA.email);
    const created = await createInteractionIn(editor.database, { userId: BEN.id, fields: fields({ title: 'Van rota' }) });
    await waitFor(async () => (await localDocument(deleter, created.id)) !== undefined, 'the record reaches the admin');

    editor.network.goOffline();
    deleter.network.goOffline();
    await updateInteractionIn(editor.database, { id: created.id, patch: { notes: 'Edited while offline.' } });
    await deleteInteractionIn(deleter.database, { id: created.id });
    deleter.network.goOnline();
    editor.network.goOnline();

    await expectConverged(created.id, [editor, deleter]);
    expect((await serverRecord(backend.fixture, created.id))?.deleted).toBe(true);
    for (const replica of [editor, deleter]) expect((await localDocument(replica, created.id))?.isDeleted).toBe(true);
  });

  it('pushes 500 changes made offline, and the other device receives them all', async () => {
    const offline = await device(BEN.email);
    const watcher = await device(ADA.email);
    offline.network.goOffline();
    const ids: string[] = [];
    for (let index = 0; index < 500; index++) {
      const created = await createInteractionIn(offline.database, {
        userId: BEN.id,
        fields: fields({ title: `Offline visit ${index}` })
      });
      ids.push(created.id);
    }
    expect(await offline.database.interactions.count({ selector: { pendingSync: true } }).exec()).toBeGreaterThanOrEqual(500);

    offline.network.goOnline();
    await waitFor(
      async () => (await offline.database.interactions.count({ selector: { pendingSync: true } }).exec()) === 0,
      'every offline change is accepted',
      60_000
    );
    await waitFor(
      async () => (await watcher.database.interactions.findByIds(ids).exec()).size === ids.length,
      'the other device has every record',
      60_000
    );
    const { rows } = await backend.fixture.db.query<{ count: number }>(
      `SELECT count(*) AS count FROM interactions WHERE id = ANY($1::uuid[])`,
      [ids]
    );
    expect(rows[0].count).toBe(500);
  }, 120_000);
});
