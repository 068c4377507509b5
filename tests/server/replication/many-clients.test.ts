import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import type { InteractionDocument } from '$lib/db';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { UNTHROTTLED } from '../sync/replica';
import { closeFixture, listen, openReplica, type Replica } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const AUTHORS = [demoUser('ben@example.org'), demoUser('ada@example.org')];
const DEVICES = 10;
const RECORDS_PER_DEVICE = 20;

describe.each(testDatabases)('ten clients pushing to one site at once ($kind)', (testDatabase) => {
  let fixture: ApiFixture;
  let baseUrl: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    // Two users send every device's requests: far more than a person would in a minute.
    fixture = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(fixture);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await closeFixture(fixture);
  });

  async function serverVersions(): Promise<Map<string, number>> {
    const { rows } = await fixture.db.query<{ id: string; serverSeq: number }>(
      `SELECT id, server_seq AS "serverSeq" FROM interactions WHERE site_id = $1`,
      [LEEDS.id]
    );
    return new Map(rows.map((row) => [row.id, Number(row.serverSeq)]));
  }

  async function localDocuments(replica: Replica): Promise<InteractionDocument[]> {
    return (await replica.database.interactions.find().exec()).map((document) => document.toJSON() as InteractionDocument);
  }

  it('gives every client every document, once, with nothing left pending', async () => {
    for (let index = 0; index < DEVICES; index++) {
      replicas.push(await openReplica({ fixture, baseUrl, email: AUTHORS[index % 2].email, siteId: LEEDS.id }));
    }
    // Half write offline and reconnect together; the other half push live while they write.
    const offline = replicas.filter((_, index) => index % 2 === 1);
    for (const replica of offline) replica.network.goOffline();

    const created = await Promise.all(
      replicas.map(async (replica, index) => {
        const author = AUTHORS[index % 2];
        const ids: string[] = [];
        for (let record = 0; record < RECORDS_PER_DEVICE; record++) {
          const written = await createInteractionIn(replica.database, {
            userId: author.id,
            fields: validFields({ title: `Device ${index}, visit ${record}` })
          });
          ids.push(written.id);
        }
        return ids;
      })
    );
    for (const replica of offline) replica.network.goOnline();

    const expected = created.flat();
    expect(new Set(expected).size).toBe(DEVICES * RECORDS_PER_DEVICE);
    await waitFor(
      async () => {
        const server = await serverVersions();
        if (server.size !== expected.length) return false;
        for (const replica of replicas) {
          const local = await localDocuments(replica);
          if (local.length !== server.size) return false;
          if (local.some((document) => document.pendingSync || document.serverSeq !== server.get(document.id))) return false;
        }
        return true;
      },
      'every client holds the server’s version of every document',
      60_000
    );

    const server = await serverVersions();
    expect([...server.keys()].sort()).toEqual([...expected].sort());
    for (const replica of replicas) {
      const ids = (await localDocuments(replica)).map((document) => document.id);
      expect(ids.sort()).toEqual([...server.keys()].sort());
      expect(await replica.database.interactions.count({ selector: { pendingSync: true } }).exec()).toBe(0);
    }
  }, 120_000);
});
