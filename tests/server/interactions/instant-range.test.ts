import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';
import { Replica, push } from '../sync/replica';

const BEN = 'ben@example.org';
const OUT_OF_RANGE = ['0000-01-01T00:00:00Z', '0099-06-01T12:00:00Z', '1000-01-01T00:59:59+01:00', '9999-12-31T23:59:59-00:01'];

/** The list cursor the server makes, holding a position of the caller's choosing. */
function listCursor(position: [string, string]): string {
  return Buffer.from(JSON.stringify(['list:-startDatetime', ...position])).toString('base64url');
}

// Years Postgres (or JavaScript, reading it back) cannot hold once answered 500 and, in a push,
// kept a whole batch out. The domain's range is the one rule for the form, the API, push and rooms.
describe.each(testDatabases)('instants outside the years 1000–9999 on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  function fieldsOf(response: { json(): { error: { fields: { field: string; message: string }[] } } }) {
    return response.json().error.fields;
  }

  it.each(OUT_OF_RANGE)('refuses %s as a new record’s start, naming the field', async (instant) => {
    const response = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody({ startDatetime: instant }) });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toContainEqual({ field: 'startDatetime', message: 'Start must fall within the years 1000 to 9999.' });
  });

  it.each(OUT_OF_RANGE)('refuses %s as an edit’s end', async (instant) => {
    const created = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody() });
    const response = await api.as(BEN, { method: 'PATCH', url: `/api/interactions/${created.json().id}`, payload: { endDatetime: instant } });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toContainEqual({ field: 'endDatetime', message: 'End must fall within the years 1000 to 9999.' });
  });

  it.each(['from', 'to'])('refuses year 0 as the list’s %s filter', async (filter) => {
    const response = await api.as(BEN, { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}&${filter}=0000-01-01T00:00:00Z` });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toContainEqual({ field: filter, message: expect.stringContaining('within the years 1000 to 9999') });
  });

  it('refuses a list cursor positioned in year 0', async () => {
    const cursor = listCursor(['0000-01-01T00:00:00.000Z', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b']);
    const response = await api.as(BEN, { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}&cursor=${cursor}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_CURSOR');
  });

  it('refuses only the pushed document whose updatedAt is in year 0, naming its field', async () => {
    const [good, bad] = [Replica.create(), Replica.create()];
    const badRow = bad.row();
    badRow.newDocumentState.updatedAt = '0000-01-01T00:00:00Z';
    const outcome = await push(api, BEN, [good.row(), badRow]);
    expect(outcome.refused).toEqual([
      expect.objectContaining({
        id: bad.id,
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'newDocumentState.updatedAt', message: 'Updated at must fall within the years 1000 to 9999.' }]
      })
    ]);
  });

  it('refuses only the document whose Yjs state starts in year 0', async () => {
    const [good, bad] = [Replica.create(), Replica.create({ startDatetime: '0000-01-01T00:00:00Z' })];
    const outcome = await push(api, BEN, [good.row(), bad.row()]);
    expect(outcome.refused).toEqual([
      expect.objectContaining({ id: bad.id, fields: [{ field: 'startDatetime', message: 'Start must fall within the years 1000 to 9999.' }] })
    ]);
  });

  it('accepts the first and last instants of the range', async () => {
    const response = await api.as(BEN, {
      method: 'POST',
      url: '/api/interactions',
      payload: leedsMeetingBody({ startDatetime: '1000-01-01T00:00:00Z', endDatetime: '9999-12-31T23:59:59Z' })
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ startDatetime: '1000-01-01T00:00:00.000Z', endDatetime: '9999-12-31T23:59:59.000Z' });
  });
});
