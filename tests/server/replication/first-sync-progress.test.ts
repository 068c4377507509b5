import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicateSite } from '$lib/sync/site-replication';
import type { SiteSyncStatus } from '$lib/sync/sync-status';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { TEST_REPLICATION, closeFixture, listen, openDevice } from './replicas';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

// The first database only: this is about what the device reports, not about the database.
const [testDatabase] = testDatabases;

describe('the progress of a first sync', () => {
  let fixture: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    fixture = await openApiFixture(testDatabase);
    baseUrl = await listen(fixture);
  });
  afterAll(() => closeFixture(fixture));

  it('is reported even when the first pull fails and is retried', async () => {
    for (let index = 0; index < 5; index++) {
      const payload = { siteId: LEEDS.id, ...validFields({ title: `Outreach visit ${index}` }) };
      const response = await fixture.as('ben@example.org', { method: 'POST', url: '/api/interactions', payload });
      expect(response.statusCode, response.body).toBe(201);
    }
    const { rows } = await fixture.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM interactions WHERE site_id = $1`,
      [LEEDS.id]
    );
    const onServer = rows[0].count;
    // Pulls of two records, so the site takes several.
    const batchSize = 2;
    expect(onServer).toBeGreaterThan(batchSize);

    const { database, network, api } = await openDevice({ fixture, baseUrl, email: 'ben@example.org', siteId: LEEDS.id });
    network.goOffline();
    const replication = replicateSite({ database, api, ...TEST_REPLICATION, batchSize });
    const seen: SiteSyncStatus[] = [];
    const subscription = replication.status$.subscribe((status) => seen.push(status));
    try {
      await waitFor(() => replication.status$.value.phase === 'offline', 'the first pull fails');
      network.goOnline();
      await waitFor(() => replication.status$.value.phase === 'synced', 'the first sync finishes', 30_000);

      const progress = seen.flatMap((status) => (status.progress ? [status.progress] : []));
      expect(progress[0]).toEqual({ received: batchSize, total: onServer });
      expect(replication.status$.value.progress).toBeNull();
    } finally {
      subscription.unsubscribe();
      network.goOffline();
      await replication.stop();
      await database.rxDatabase.close();
    }
  });
});
