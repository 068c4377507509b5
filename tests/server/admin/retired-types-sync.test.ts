import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { Replica, push, pushAndAdopt, storedDocument, UNTHROTTLED } from '../sync/replica';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

describe.each(testDatabases)('retired types through replication on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  it('keeps a retired type valid on a record that had it, and flags a new record given it for review', async () => {
    const existing = Replica.create({ type: 'Workshop', title: 'Made before the type was retired' });
    await pushAndAdopt(api, BEN, [existing]);
    const types = await api.as(ADA, { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { interactionTypes: ['Meeting', 'Call'] } });
    expect(types.statusCode, types.body).toBe(200);

    const edited = Replica.fromServer(await storedDocument(api, existing.id)).edit({ title: 'Edited after' });
    const fresh = Replica.create({ type: 'Workshop', title: 'Made after the type was retired' });
    expect(await push(api, BEN, [edited.row(), fresh.row()])).toEqual({ conflicts: [], refused: [] });

    expect(await storedDocument(api, existing.id)).toMatchObject({ title: 'Edited after', type: 'Workshop', needsReview: false });
    expect(await storedDocument(api, fresh.id)).toMatchObject({ type: 'Workshop', needsReview: true });
  });
});
