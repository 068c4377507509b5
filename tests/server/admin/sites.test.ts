import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, NAIROBI, TORONTO } from '../../../sync-server/demo/demo-directory';
import type { ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { NEW_SITE, PEOPLE, call, expectAnswer, openAdminFixture, roleOf } from './admin-fixture';

const meeting = (siteId: string, type: string) => ({
  siteId,
  title: `A ${type}`,
  type,
  lead: 'Olga',
  startDatetime: '2026-04-01T09:00:00+00:00',
  endDatetime: '2026-04-01T10:00:00+00:00',
  timezone: 'Europe/Lisbon',
  description: 'Checked by the site administration tests.'
});

describe.each(testDatabases)('site administration on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openAdminFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  describe('POST /api/sites', () => {
    it('creates the site with its settings and makes the creator its first admin', async () => {
      const site = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: NEW_SITE }), 201);
      expect(site).toMatchObject({ ...NEW_SITE, retiredInteractionTypes: [], archivedAt: null, memberCount: 1, role: 'admin' });
      expect(site.admins.map((admin: { email: string }) => admin.email)).toEqual([PEOPLE.orgAdmin]);
      expect(await roleOf(api.db, PEOPLE.orgAdmin, site.id)).toBe('admin');
      const mine = expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: '/api/users/sites' }), 200);
      expect(mine).toContainEqual(expect.objectContaining({ id: site.id, timeZone: 'Europe/Lisbon', role: 'admin' }));
    });

    it('names each broken field: a missing name, an unknown time zone, a type listed twice', async () => {
      const response = await call(api, 'orgAdmin', {
        method: 'POST',
        url: '/api/sites',
        payload: { ...NEW_SITE, name: '  ', timeZone: 'Mars/Olympus', interactionTypes: ['Call', 'call'] }
      });
      const body = expectAnswer(response, 400, 'VALIDATION_FAILED');
      expect(body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['interactionTypes[1]', 'name', 'timeZone']);
    });

    it('refuses a missing type list by field, before anything is stored', async () => {
      const { interactionTypes: _types, ...withoutTypes } = NEW_SITE;
      const body = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: withoutTypes }), 400, 'VALIDATION_FAILED');
      expect(body.error.fields).toEqual([expect.objectContaining({ field: 'interactionTypes' })]);
    });

    it.each(['siteAdmin', 'user', 'viewer'] as const)('refuses a %s: only organisation administrators create sites', async (person) => {
      expectAnswer(await call(api, person, { method: 'POST', url: '/api/sites', payload: NEW_SITE }), 403, 'ROLE_FORBIDDEN');
    });
  });

  describe('PATCH /api/sites/:siteId', () => {
    it('lets an organisation administrator rename a site they do not belong to', async () => {
      const site = expectAnswer(await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/sites/${NAIROBI.id}`, payload: { description: 'Renamed by Olga.' } }), 200);
      expect(site).toMatchObject({ id: NAIROBI.id, description: 'Renamed by Olga.', role: null });
    });

    it('lets a site admin change the types but not the name, naming the field', async () => {
      const refused = await call(api, 'siteAdmin', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { name: 'Mine now' } });
      expect(expectAnswer(refused, 403, 'ROLE_FORBIDDEN').error.message).toContain('Name');
      const types = ['Meeting', 'Call', 'Email', 'Drop-in'];
      const changed = expectAnswer(await call(api, 'siteAdmin', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { interactionTypes: types } }), 200);
      expect(changed.interactionTypes).toEqual(types);
      expect(changed.retiredInteractionTypes).toEqual(['Site visit', 'Workshop', 'Other']);
      expect(changed.name).toBe(LEEDS.name);
    });

    it('refuses users and viewers (403) and hides another site (404)', async () => {
      const payload = { interactionTypes: ['Meeting'] };
      expectAnswer(await call(api, 'user', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload }), 403, 'ROLE_FORBIDDEN');
      expectAnswer(await call(api, 'viewer', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload }), 403, 'ROLE_FORBIDDEN');
      expectAnswer(await call(api, 'siteAdmin', { method: 'PATCH', url: `/api/sites/${NAIROBI.id}`, payload }), 404, 'SITE_NOT_FOUND');
    });
  });

  describe('retired types', () => {
    it('stay valid on records that have them and are refused for new ones', async () => {
      const site = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: { ...NEW_SITE, name: 'Retiring' } }), 201);
      const record = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'Visit') }), 201);
      expectAnswer(await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/sites/${site.id}`, payload: { interactionTypes: ['Call'] } }), 200);

      const edited = await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/interactions/${record.id}`, payload: { title: 'Still a visit' } });
      expect(expectAnswer(edited, 200)).toMatchObject({ type: 'Visit', title: 'Still a visit' });
      const fresh = await call(api, 'orgAdmin', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'Visit') });
      expect(expectAnswer(fresh, 400, 'VALIDATION_FAILED').error.fields).toEqual([expect.objectContaining({ field: 'type' })]);
      const moved = await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/interactions/${record.id}`, payload: { type: 'Visit', title: 'x' } });
      expectAnswer(moved, 200);

      // Listed again, the type is current once more and no longer retired.
      const back = expectAnswer(await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/sites/${site.id}`, payload: { interactionTypes: ['Call', 'Visit'] } }), 200);
      expect(back.retiredInteractionTypes).toEqual([]);
      expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'Visit') }), 201);
    });

    it('a record that changes to another retired type is refused', async () => {
      const site = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: { ...NEW_SITE, name: 'Two retired', interactionTypes: ['A', 'B', 'C'] } }), 201);
      const record = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'A') }), 201);
      expectAnswer(await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/sites/${site.id}`, payload: { interactionTypes: ['C'] } }), 200);
      const refused = await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/interactions/${record.id}`, payload: { type: 'B' } });
      expectAnswer(refused, 400, 'VALIDATION_FAILED');
    });
  });

  describe('archive and restore', () => {
    it('hides an archived site from its members and brings it back on restore, data kept', async () => {
      const site = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: '/api/sites', payload: { ...NEW_SITE, name: 'Seasonal' } }), 201);
      const ben = await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${site.id}/invitations`, payload: { email: PEOPLE.user, role: 'user' } });
      expectAnswer(ben, 201);
      const record = expectAnswer(await call(api, 'user', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'Call') }), 201);

      expectAnswer(await call(api, 'siteAdmin', { method: 'POST', url: `/api/sites/${site.id}/archive` }), 404, 'SITE_NOT_FOUND');
      expectAnswer(await call(api, 'user', { method: 'POST', url: `/api/sites/${site.id}/archive` }), 403, 'ROLE_FORBIDDEN');
      const archived = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${site.id}/archive` }), 200);
      expect(archived.archivedAt).not.toBeNull();

      const benSites = expectAnswer(await call(api, 'user', { method: 'GET', url: '/api/users/sites' }), 200);
      expect(benSites.map((s: { id: string }) => s.id)).not.toContain(site.id);
      expectAnswer(await call(api, 'user', { method: 'GET', url: `/api/interactions?siteId=${site.id}` }), 403, 'SITE_FORBIDDEN');
      expectAnswer(await call(api, 'user', { method: 'GET', url: `/api/interactions/${record.id}` }), 404, 'INTERACTION_NOT_FOUND');
      expectAnswer(await call(api, 'user', { method: 'POST', url: '/api/interactions', payload: meeting(site.id, 'Call') }), 403, 'SITE_FORBIDDEN');
      const all = expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: '/api/admin/sites' }), 200);
      expect(all).toContainEqual(expect.objectContaining({ id: site.id, archivedAt: archived.archivedAt }));

      const restored = expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${site.id}/restore` }), 200);
      expect(restored.archivedAt).toBeNull();
      const back = expectAnswer(await call(api, 'user', { method: 'GET', url: `/api/interactions/${record.id}` }), 200);
      expect(back.id).toBe(record.id);
    });
  });

  describe('GET /api/sites/managed, /api/admin/sites and /api/sites/:siteId/settings', () => {
    it('lists every site for an organisation administrator and only the admin’s own for a site admin', async () => {
      const every = expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: '/api/sites/managed' }), 200);
      expect(every.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([LEEDS.id, NAIROBI.id]));
      const ada = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: '/api/sites/managed' }), 200);
      expect(ada.map((s: { id: string }) => s.id).sort()).toEqual([LEEDS.id, TORONTO.id].sort());
      expect(ada[0].admins).toContainEqual(expect.objectContaining({ email: PEOPLE.siteAdmin }));
      expect(expectAnswer(await call(api, 'user', { method: 'GET', url: '/api/sites/managed' }), 200)).toEqual([]);
      expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: '/api/admin/sites' }), 403, 'ROLE_FORBIDDEN');
    });

    it('answers a site’s settings to its admin and to an organisation administrator only', async () => {
      const settings = expectAnswer(await call(api, 'siteAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/settings` }), 200);
      expect(settings).toMatchObject({ id: LEEDS.id, timeZone: 'Europe/London', memberCount: 3, role: 'admin' });
      expectAnswer(await call(api, 'orgAdmin', { method: 'GET', url: `/api/sites/${LEEDS.id}/settings` }), 200);
      expectAnswer(await call(api, 'viewer', { method: 'GET', url: `/api/sites/${LEEDS.id}/settings` }), 403, 'ROLE_FORBIDDEN');
      expectAnswer(await call(api, 'outsider', { method: 'GET', url: `/api/sites/${LEEDS.id}/settings` }), 404, 'SITE_NOT_FOUND');
    });
  });
});

describe.each(testDatabases)('archiving on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openAdminFixture(testDatabase);
  });
  afterAll(() => api?.dispose());

  it('announces an access change for every member when a site is archived and again when it is restored', async () => {
    const heard: { userId: string; siteId: string }[] = [];
    const unlisten = await api.db.listen('site_access_changed', { notify: (payload) => heard.push(JSON.parse(payload)) });
    try {
      const { rows } = await api.db.query<{ userId: string }>('SELECT user_id AS "userId" FROM user_sites WHERE site_id = $1', [LEEDS.id]);
      const members = rows.map((row) => ({ userId: row.userId, siteId: LEEDS.id }));
      expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${LEEDS.id}/archive` }), 200);
      await expect.poll(() => heard.length).toBe(members.length);
      expect(heard).toEqual(expect.arrayContaining(members));
      expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${LEEDS.id}/restore` }), 200);
      await expect.poll(() => heard.length).toBe(2 * members.length);
      // Renaming changes nobody's access: announced, it would show up before the next archive's.
      expectAnswer(await call(api, 'orgAdmin', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { name: 'Leeds Hub' } }), 200);
      expectAnswer(await call(api, 'orgAdmin', { method: 'POST', url: `/api/sites/${LEEDS.id}/archive` }), 200);
      await expect.poll(() => heard.length).toBeGreaterThanOrEqual(3 * members.length);
      expect(heard).toHaveLength(3 * members.length);
    } finally {
      await unlisten();
    }
  });
});
