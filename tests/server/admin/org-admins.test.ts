import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { PEOPLE, call, expectAnswer, makeOnlyOrgAdmin, openAdminFixture, userIdOf } from './admin-fixture';

describe.each(testDatabases)('organisation administrators on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openAdminFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  const list = () => call(api, 'orgAdmin', { method: 'GET', url: '/api/admin/administrators' });
  const grant = (email: string) => call(api, 'orgAdmin', { method: 'PUT', url: '/api/admin/administrators', payload: { email } });

  it('grants an existing account at once, and shows it in the profile', async () => {
    const answer = expectAnswer(await grant(PEOPLE.user), 200);
    expect(answer).toMatchObject({ outcome: 'granted', administrator: { email: PEOPLE.user } });
    expect(expectAnswer(await call(api, 'user', { method: 'GET', url: '/api/users/profile' }), 200).orgAdmin).toBe(true);
    const { administrators } = expectAnswer(await list(), 200);
    expect(administrators.map((admin: { email: string }) => admin.email).sort()).toEqual([PEOPLE.user, PEOPLE.orgAdmin].sort());
    await makeOnlyOrgAdmin(api.db, PEOPLE.orgAdmin);
  });

  it('keeps a grant for an unknown address pending until that person signs in', async () => {
    expect(expectAnswer(await grant('Future.Boss@example.org'), 200)).toEqual({ outcome: 'pending', email: 'Future.Boss@example.org' });
    expect(expectAnswer(await list(), 200).pending).toEqual([expect.objectContaining({ email: 'Future.Boss@example.org' })]);
    const profile = expectAnswer(await api.as('future.boss@example.org', { method: 'GET', url: '/api/users/profile' }), 200);
    expect(profile.orgAdmin).toBe(true);
    expect(expectAnswer(await list(), 200).pending).toEqual([]);
    await makeOnlyOrgAdmin(api.db, PEOPLE.orgAdmin);
  });

  it('revokes, but never the last administrator (409 LAST_ORG_ADMIN)', async () => {
    const olga = await userIdOf(api.db, PEOPLE.orgAdmin);
    expectAnswer(await call(api, 'orgAdmin', { method: 'DELETE', url: `/api/admin/administrators/${olga}` }), 409, 'LAST_ORG_ADMIN');
    expectAnswer(await grant(PEOPLE.siteAdmin), 200);
    const ada = await userIdOf(api.db, PEOPLE.siteAdmin);
    expectAnswer(await call(api, 'orgAdmin', { method: 'DELETE', url: `/api/admin/administrators/${ada}` }), 204);
    expect(expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: '/api/users/profile' }), 200).orgAdmin).toBe(false);
    expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: '/api/admin/sites' }), 403, 'ROLE_FORBIDDEN');
  });

  it('leaves one administrator when two revoke each other at the same moment', async () => {
    expectAnswer(await grant(PEOPLE.siteAdmin), 200);
    const [olga, ada] = [await userIdOf(api.db, PEOPLE.orgAdmin), await userIdOf(api.db, PEOPLE.siteAdmin)];
    const answers = await Promise.all([
      call(api, 'orgAdmin', { method: 'DELETE', url: `/api/admin/administrators/${ada}` }),
      call(api, 'siteAdmin', { method: 'DELETE', url: `/api/admin/administrators/${olga}` })
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([204, expect.any(Number)]);
    const { rows } = await api.db.query<{ count: number }>('SELECT count(*)::int AS count FROM users WHERE org_admin');
    expect(rows[0].count).toBe(1);
    await makeOnlyOrgAdmin(api.db, PEOPLE.orgAdmin);
  });

  it.each(['siteAdmin', 'user', 'viewer'] as const)('refuses every administrator route to a %s', async (person) => {
    const olga = await userIdOf(api.db, PEOPLE.orgAdmin);
    expectAnswer(await call(api, person, { method: 'GET', url: '/api/admin/administrators' }), 403, 'ROLE_FORBIDDEN');
    expectAnswer(await call(api, person, { method: 'PUT', url: '/api/admin/administrators', payload: { email: PEOPLE[person] } }), 403, 'ROLE_FORBIDDEN');
    expectAnswer(await call(api, person, { method: 'DELETE', url: `/api/admin/administrators/${olga}` }), 403, 'ROLE_FORBIDDEN');
  });

  it('names the email field of a grant that is not an address', async () => {
    expect(expectAnswer(await grant('boss'), 400, 'VALIDATION_FAILED').error.fields).toEqual([expect.objectContaining({ field: 'email' })]);
  });
});
