import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';

describe.each(testDatabases)('API smoke on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 200 });
  });
  afterAll(() => api.dispose());

  it('lists, creates, edits, searches and deletes', async () => {
    const sites = await api.as('ben@example.org', { method: 'GET', url: '/api/users/sites' });
    expect(sites.json()).toEqual([expect.objectContaining({ id: LEEDS.id, role: 'user' })]);

    const list = await api.as('ben@example.org', { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}&limit=5` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);
    const next = await api.as('ben@example.org', { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}&limit=5&cursor=${list.json().nextCursor}` });
    expect(next.statusCode).toBe(200);

    const created = await api.as('ben@example.org', {
      method: 'POST',
      url: '/api/interactions',
      payload: {
        siteId: LEEDS.id,
        title: 'Zebra crossing survey',
        type: 'Meeting',
        lead: 'Ben Carter',
        startDatetime: '2026-03-01T09:30:00+01:00',
        endDatetime: '2026-03-01T10:30:00+01:00',
        timezone: 'Europe/London',
        description: 'Walked the route with the council.'
      }
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    const patched = await api.as('ben@example.org', { method: 'PATCH', url: `/api/interactions/${id}`, payload: { notes: 'Follow up in May.' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().notes).toBe('Follow up in May.');

    const found = await api.as('ben@example.org', { method: 'GET', url: `/api/search/interactions?q=zebra` });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items[0].id).toBe(id);

    const history = await api.as('ben@example.org', { method: 'GET', url: `/api/interactions/${id}/history` });
    expect(history.json().map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);

    const removed = await api.as('ben@example.org', { method: 'DELETE', url: `/api/interactions/${id}` });
    expect(removed.statusCode).toBe(204);
  });
});
