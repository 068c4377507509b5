import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import type { ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { NEW_SITE, PEOPLE, call, expectAnswer, openAdminFixture, userIdOf } from './admin-fixture';

describe.each(testDatabases)('the audit log on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openAdminFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  it('records each membership, invitation, type and site change with who did it, newest first', async () => {
    const ben = await userIdOf(api.db, PEOPLE.user);
    expectAnswer(await call(api, 'siteAdmin', { method: 'PUT', url: `/api/sites/${LEEDS.id}/members/${ben}`, payload: { role: 'viewer' } }), 200);
    const { invitation } = expectAnswer(
      await call(api, 'siteAdmin', { method: 'POST', url: `/api/sites/${LEEDS.id}/invitations`, payload: { email: 'audited@example.org', role: 'user' } }),
      201
    );
    expectAnswer(await api.as('audited@example.org', { method: 'GET', url: '/api/users/sites' }), 200);
    expectAnswer(await call(api, 'siteAdmin', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { interactionTypes: ['Meeting', 'Call'] } }), 200);
    expectAnswer(await call(api, 'siteAdmin', { method: 'DELETE', url: `/api/sites/${LEEDS.id}/members/${ben}` }), 204);

    const { entries, next } = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit` }), 200);
    expect(next).toBeNull();
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
      'member.removed',
      'site.types-changed',
      'invitation.accepted',
      'invitation.created',
      'member.role-changed'
    ]);
    const [removed, types, accepted, created, changed] = entries;
    expect(removed).toMatchObject({ siteId: LEEDS.id, siteName: LEEDS.name, actor: { email: PEOPLE.siteAdmin, name: 'Ada Lindqvist' }, subject: { userId: ben, email: PEOPLE.user } });
    expect(types.details).toMatchObject({ added: [], removed: ['Email', 'Site visit', 'Workshop', 'Other'] });
    expect(accepted).toMatchObject({ actor: { email: 'audited@example.org' }, details: { role: 'user' } });
    expect(created).toMatchObject({ subject: { email: invitation.email }, details: { role: 'user' } });
    expect(changed.details).toEqual({ from: 'user', to: 'viewer' });
    expect(Date.parse(changed.at)).not.toBeNaN();
  });

  it('pages with ?before= and limit', async () => {
    const first = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit?limit=2` }), 200);
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].id);
    const second = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit?limit=2&before=${first.next}` }), 200);
    expect(Number(second.entries[0].id)).toBeLessThan(Number(first.entries[1].id));
    expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit?limit=201` }), 400, 'VALIDATION_FAILED');
    expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit?before=abc` }), 400, 'VALIDATION_FAILED');
  });

  it('shows organisation administrators every site and the organisation’s own events; refuses others', async () => {
    const site = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: NEW_SITE }), 201);
    expectAnswer(await call(api, 'orgAdmin', { method: 'PUT', url: '/api/admin/administrators', payload: { email: 'next@example.org' } }), 200);
    const { entries } = expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: '/api/admin/audit' }), 200);
    expect(entries[0]).toMatchObject({ action: 'org-admin.granted', siteId: null, subject: { email: 'next@example.org' } });
    expect(entries[1]).toMatchObject({ action: 'site.created', siteId: site.id, details: { name: NEW_SITE.name } });
    expect(entries.some((entry: { siteId: string }) => entry.siteId === LEEDS.id)).toBe(true);

    expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: '/api/admin/audit' }), 403, 'ROLE_FORBIDDEN');
    expectAnswer(await call(api, 'user', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit` }), 404, 'SITE_NOT_FOUND');
    expectAnswer(await call(api, 'viewer', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit` }), 403, 'ROLE_FORBIDDEN');
    expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${site.id}/audit` }), 404, 'SITE_NOT_FOUND');
    expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit` }), 200);
  });
});
