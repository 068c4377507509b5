import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/lib/domain';
import { NAIROBI } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const EVE = 'eve@example.org';

// A create whose answer was lost is sent again with the same client-made id. The client must learn
// that its record is stored (not a clash), and nobody may learn that an id is taken elsewhere.
describe.each(testDatabases)('POST /api/interactions sent again on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  const post = (email: string, body: Record<string, unknown>) => api.as(email, { method: 'POST', url: '/api/interactions', payload: body });

  async function historyOf(id: string): Promise<string[]> {
    const { rows } = await api.db.query<{ action: string }>('SELECT action FROM interaction_history WHERE interaction_id = $1 ORDER BY id', [id]);
    return rows.map((row) => row.action);
  }

  it('answers a retry of the same create with 200 and the stored record, stored once', async () => {
    const body = leedsMeetingBody({ id: uuidv7(), title: 'Sent twice', location: '' });
    const first = await post(BEN, body);
    expect(first.statusCode).toBe(201);
    const again = await post(BEN, { ...body, startDatetime: '2026-05-04T10:00:00+01:00' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await historyOf(body.id as string)).toEqual(['create']);
  });

  it('answers 409 ID_UNAVAILABLE to the same id with other content, keeping the first', async () => {
    const body = leedsMeetingBody({ id: uuidv7(), title: 'The first' });
    await post(BEN, body);
    const clash = await post(BEN, { ...body, title: 'Another' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('ID_UNAVAILABLE');
    expect(await historyOf(body.id as string)).toEqual(['create']);
  });

  it('answers 409 to another member sending the same id and content', async () => {
    const body = leedsMeetingBody({ id: uuidv7() });
    await post(BEN, body);
    const other = await post(ADA, body);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('ID_UNAVAILABLE');
  });

  it('answers an id used in a site the caller cannot see exactly as an id taken in their own', async () => {
    const takenHere = leedsMeetingBody({ id: uuidv7(), siteId: NAIROBI.id, type: 'Meeting' });
    const eveFirst = await post(EVE, takenHere);
    expect(eveFirst.statusCode, eveFirst.body).toBe(201);
    const ownClash = await post(EVE, { ...takenHere, title: 'Another' });

    const leedsRecord = await post(BEN, leedsMeetingBody({ id: uuidv7() }));
    const elsewhere = await post(EVE, { ...takenHere, id: leedsRecord.json().id });

    expect(elsewhere.statusCode).toBe(ownClash.statusCode);
    const withoutRequestId = (response: typeof elsewhere) => ({ ...response.json().error, requestId: undefined });
    expect(withoutRequestId(elsewhere)).toEqual(withoutRequestId(ownClash));
  });

  it('answers 409 to a retry after the record was deleted', async () => {
    const body = leedsMeetingBody({ id: uuidv7() });
    await post(BEN, body);
    await api.as(BEN, { method: 'DELETE', url: `/api/interactions/${body.id}` });
    const retry = await post(BEN, body);
    expect(retry.statusCode).toBe(409);
  });
});
