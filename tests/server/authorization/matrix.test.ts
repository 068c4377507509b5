import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, NAIROBI } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import {
  addMatrixOrgAdmin,
  createRecord,
  createSiteRecords,
  otherAuthor,
  restoreDirectoryMemberships,
  restoreDirectorySites,
  restoreOrgAdmins,
  setMembership
} from './matrix-arrange';
import { CALLERS, matrixCells } from './matrix-cases';
import { ENDPOINTS } from './matrix-endpoints';

const cells = matrixCells();
const ada = CALLERS.admin;
const ben = CALLERS.user;

describe.each(testDatabases)('authorization on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
    await addMatrixOrgAdmin(api.db);
    await createSiteRecords(api);
  });
  // Cells grant and revoke memberships, change sites and administrators; each starts from the seeded directory.
  afterEach(async () => {
    await restoreDirectoryMemberships(api);
    await restoreDirectorySites(api.db);
    await restoreOrgAdmins(api.db);
  });
  afterAll(() => api?.dispose());

  describe('the matrix: endpoint × role × site × record', () => {
    // Plain its rather than it.each: each's name templating cuts long values short.
    for (const cell of cells) {
      it(cell.name, async () => {
        const call = await ENDPOINTS[cell.endpoint](api, cell);
        const response = cell.caller ? await api.as(cell.caller.email, call.request) : await api.app.inject(call.request);

        const [status, code] = cell.expected.split(' ');
        expect(response.statusCode, response.body).toBe(Number(status));
        if (code) {
          expect(response.json().error.code).toBe(code);
          await call.refused();
        } else {
          await call.allowed(response);
        }
      });
    }
  });

  describe('revoking a membership', () => {
    it('takes effect on the very next request with the same token, and granting it back restores access', async () => {
      const record = await createRecord(api, { owner: otherAuthor(LEEDS, ben), site: LEEDS });
      const listLeeds = { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}` } as const;
      const getRecord = { method: 'GET', url: `/api/interactions/${record}` } as const;
      expect((await api.as(ben.email, listLeeds)).statusCode).toBe(200);
      expect((await api.as(ben.email, getRecord)).statusCode).toBe(200);

      const revoked = await api.as(ada.email, { method: 'DELETE', url: `/api/sites/${LEEDS.id}/members/${ben.id}` });
      expect(revoked.statusCode, revoked.body).toBe(204);

      const listAfterRevoke = await api.as(ben.email, listLeeds);
      expect(listAfterRevoke.statusCode).toBe(403);
      expect(listAfterRevoke.json().error.code).toBe('SITE_FORBIDDEN');
      const getAfterRevoke = await api.as(ben.email, getRecord);
      expect(getAfterRevoke.statusCode).toBe(404);
      expect(getAfterRevoke.json().error.code).toBe('INTERACTION_NOT_FOUND');

      const granted = await api.as(ada.email, {
        method: 'PUT',
        url: `/api/sites/${LEEDS.id}/members/${ben.id}`,
        payload: { role: 'user' }
      });
      expect(granted.statusCode, granted.body).toBe(200);

      expect((await api.as(ben.email, listLeeds)).statusCode).toBe(200);
      const getAfterGrant = await api.as(ben.email, getRecord);
      expect(getAfterGrant.statusCode).toBe(200);
      expect(getAfterGrant.json().id).toBe(record);
    });
  });

  describe('site scope comes from user_sites, never from the token', () => {
    it('issues tokens that carry identity only, no site or role claims', async () => {
      const payload = JSON.parse(Buffer.from((await api.token(ben.email)).split('.')[1], 'base64url').toString());
      expect(Object.keys(payload).sort()).toEqual(['aud', 'email', 'email_verified', 'exp', 'iat', 'iss', 'name', 'sub']);
    });

    it('follows a role changed in the database on the next request with the same token', async () => {
      const create = {
        method: 'POST',
        url: '/api/interactions',
        payload: {
          siteId: LEEDS.id,
          title: 'Role follows the database',
          type: 'Meeting',
          lead: 'Ben Carter',
          startDatetime: '2026-03-02T09:30:00+00:00',
          endDatetime: '2026-03-02T10:30:00+00:00',
          timezone: 'Europe/London',
          description: 'Created while ben is a user of Leeds.'
        }
      } as const;
      const members = { method: 'GET', url: `/api/sites/${LEEDS.id}/members` } as const;
      expect((await api.as(ben.email, create)).statusCode).toBe(201);

      await api.db.query(`UPDATE user_sites SET role = 'viewer' WHERE user_id = $1 AND site_id = $2`, [ben.id, LEEDS.id]);
      const asViewer = await api.as(ben.email, create);
      expect(asViewer.statusCode).toBe(403);
      expect(asViewer.json().error.code).toBe('ROLE_FORBIDDEN');
      expect((await api.as(ben.email, members)).statusCode).toBe(403);

      await api.db.query(`UPDATE user_sites SET role = 'admin' WHERE user_id = $1 AND site_id = $2`, [ben.id, LEEDS.id]);
      const asAdmin = await api.as(ben.email, members);
      expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    });

    it('follows a membership added in the database on the next request with the same token', async () => {
      const listNairobi = { method: 'GET', url: `/api/interactions?siteId=${NAIROBI.id}` } as const;
      const before = await api.as(ben.email, listNairobi);
      expect(before.statusCode).toBe(403);
      expect(before.json().error.code).toBe('SITE_FORBIDDEN');

      await setMembership(api.db, { user: ben, site: NAIROBI, role: 'viewer' });
      const after = await api.as(ben.email, listNairobi);
      expect(after.statusCode, after.body).toBe(200);
      expect(after.json().items.map((item: { siteId: string }) => item.siteId)).toContain(NAIROBI.id);
    });
  });
});
