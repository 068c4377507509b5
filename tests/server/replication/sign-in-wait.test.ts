import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionIn } from '$lib/db/interaction-writes';
import { replicateSite } from '$lib/sync/site-replication';
import { createSyncApi } from '$lib/sync/sync-api';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { TEST_REPLICATION, closeFixture, listen, openDevice } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

const BEN = demoUser('ben@example.org');

describe.each(testDatabases)('a sync the server refuses to authenticate ($kind)', (testDatabase) => {
  let fixture: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    fixture = await openApiFixture(testDatabase);
    baseUrl = await listen(fixture);
  });

  afterAll(async () => {
    await closeFixture(fixture);
  });

  it('waits, asks for sign-in, keeps the local change, and sends it once signed in again', async () => {
    const { database, network } = await openDevice({ fixture, baseUrl, email: BEN.email, siteId: LEEDS.id });
    // The session on the device has expired: the server refuses its token.
    let token = 'an-expired-token';
    let signInRequests = 0;
    const replication = replicateSite({
      database,
      api: createSyncApi({ baseUrl, fetch: network.fetch, getAccessToken: async () => token }),
      ...TEST_REPLICATION,
      onSignInRequired: () => signInRequests++
    });
    try {
      const created = await createInteractionIn(database, { userId: BEN.id, fields: validFields({ title: 'Written while signed out' }) });

      await waitFor(() => replication.status$.value.phase === 'signed-out', 'the sync reports that sign-in is needed');
      expect(signInRequests).toBeGreaterThan(0);
      const { rows: before } = await fixture.db.query(`SELECT 1 FROM interactions WHERE id = $1`, [created.id]);
      expect(before).toHaveLength(0);
      expect((await database.interactions.findOne(created.id).exec())?.toJSON().pendingSync).toBe(true);

      // Signed in again: the waiting sync goes on and the change reaches the server.
      token = await fixture.token(BEN.email);
      await replication.resume();
      await waitFor(
        async () => (await database.interactions.findOne(created.id).exec())?.toJSON().pendingSync === false,
        'the change is accepted'
      );
      const { rows: after } = await fixture.db.query<{ title: string }>(`SELECT title FROM interactions WHERE id = $1`, [
        created.id
      ]);
      expect(after).toEqual([{ title: 'Written while signed out' }]);
      await waitFor(() => replication.status$.value.phase === 'synced', 'the status says synced');
    } finally {
      network.goOffline();
      await replication.stop();
      await database.rxDatabase.close();
    }
  });
});
