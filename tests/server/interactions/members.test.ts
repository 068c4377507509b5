import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/lib/domain';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';

const ADA = demoUser('ada@example.org');
const BEN = demoUser('ben@example.org');
const CLEO = demoUser('cleo@example.org');
const DEV = demoUser('dev@example.org');

const membersUrl = (siteId = LEEDS.id) => `/api/sites/${siteId}/members`;
const memberUrl = (userId: string, siteId = LEEDS.id) => `${membersUrl(siteId)}/${userId}`;

describe.each(testDatabases)('site members on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
  });
  afterAll(() => api.dispose());

  // Every test starts from the demo directory's Leeds: ada admin, ben user, cleo viewer.
  beforeEach(async () => {
    await api.db.transaction(async (tx) => {
      await tx.query('DELETE FROM user_sites WHERE site_id = $1', [LEEDS.id]);
      for (const [user, role] of [[ADA, 'admin'], [BEN, 'user'], [CLEO, 'viewer']] as const) {
        await tx.query('INSERT INTO user_sites (site_id, user_id, role) VALUES ($1, $2, $3)', [LEEDS.id, user.id, role]);
      }
    });
  });

  const asAda = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    api.as(ADA.email, { method, url, ...(payload ? { payload } : {}) });
  const grant = (userId: string, role: string) => asAda('PUT', memberUrl(userId), { role });
  const revoke = (userId: string) => asAda('DELETE', memberUrl(userId));

  async function members(): Promise<{ userId: string; role: Role }[]> {
    const response = await asAda('GET', membersUrl());
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function roleOf(userId: string): Promise<Role | undefined> {
    return (await members()).find((member) => member.userId === userId)?.role;
  }

  async function sitesOf(email: string): Promise<string[]> {
    const response = await api.as(email, { method: 'GET', url: '/api/users/sites' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().map((site: { id: string }) => site.id);
  }

  function expectError(response: LightMyRequestResponse, status: number, code: string) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error).toMatchObject({ code, message: expect.any(String) });
  }

  describe('GET /api/sites/:siteId/members', () => {
    it('lists ada, ben and cleo with their roles', async () => {
      const response = await asAda('GET', membersUrl());
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([
        { userId: ADA.id, email: ADA.email, name: ADA.name, role: 'admin' },
        { userId: BEN.id, email: BEN.email, name: BEN.name, role: 'user' },
        { userId: CLEO.id, email: CLEO.email, name: CLEO.name, role: 'viewer' }
      ]);
    });

    it('is for admins only', async () => {
      expectError(await api.as(BEN.email, { method: 'GET', url: membersUrl() }), 403, 'ROLE_FORBIDDEN');
    });

    it('rejects a siteId that is not a UUID, naming siteId', async () => {
      const response = await asAda('GET', '/api/sites/leeds/members');
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json().error.fields).toEqual([{ field: 'siteId', message: expect.any(String) }]);
    });
  });

  describe('PUT /api/sites/:siteId/members/:userId', () => {
    it('grants dev a role in Leeds, after which dev sees Leeds among their sites', async () => {
      expect(await sitesOf(DEV.email)).not.toContain(LEEDS.id);

      const response = await grant(DEV.id, 'user');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ userId: DEV.id, email: DEV.email, name: DEV.name, role: 'user' });

      expect(await roleOf(DEV.id)).toBe('user');
      expect(await sitesOf(DEV.email)).toContain(LEEDS.id);
      const leeds = (await api.as(DEV.email, { method: 'GET', url: '/api/users/sites' }))
        .json()
        .find((site: { id: string }) => site.id === LEEDS.id);
      expect(leeds.role).toBe('user');
    });

    it("changes a member's role", async () => {
      expect((await grant(CLEO.id, 'user')).statusCode).toBe(200);
      expect(await roleOf(CLEO.id)).toBe('user');
      expect((await grant(CLEO.id, 'admin')).statusCode).toBe(200);
      expect(await roleOf(CLEO.id)).toBe('admin');
    });

    it('lets the new role take effect at the next request', async () => {
      const create = () =>
        api.as(CLEO.email, {
          method: 'POST',
          url: '/api/interactions',
          payload: {
            siteId: LEEDS.id,
            title: 'Written once promoted',
            type: 'Meeting',
            lead: 'Cleo Martins',
            startDatetime: '2026-03-02T09:30:00Z',
            endDatetime: '2026-03-02T10:30:00Z',
            timezone: 'Europe/London',
            description: 'A viewer cannot write this; a user can.'
          }
        });
      expect((await create()).statusCode).toBe(403);
      await grant(CLEO.id, 'user');
      expect((await create()).statusCode).toBe(201);
    });

    it('leaves a membership of another site alone', async () => {
      await grant(DEV.id, 'viewer');
      const toronto = (await api.as(DEV.email, { method: 'GET', url: '/api/users/sites' }))
        .json()
        .find((site: { id: string }) => site.id === TORONTO.id);
      expect(toronto.role).toBe('user');
    });

    it('answers 409 LAST_ADMIN when the only admin would be demoted', async () => {
      expectError(await grant(ADA.id, 'user'), 409, 'LAST_ADMIN');
      expect(await roleOf(ADA.id)).toBe('admin');
    });

    it('lets an admin be demoted once another admin exists', async () => {
      await grant(BEN.id, 'admin');
      expect((await grant(ADA.id, 'viewer')).statusCode).toBe(200);
      const roles = await api.db.query<{ role: Role }>('SELECT role FROM user_sites WHERE site_id = $1 AND user_id = $2', [LEEDS.id, ADA.id]);
      expect(roles.rows).toEqual([{ role: 'viewer' }]);
    });

    it('keeps one admin when the two admins are demoted at the same moment', async () => {
      // A race: several rounds, so that a check-then-write without a lock is caught, not just possible.
      for (let round = 0; round < 5; round++) {
        await api.db.query(`UPDATE user_sites SET role = 'admin' WHERE site_id = $1 AND user_id = ANY($2::uuid[])`, [
          LEEDS.id,
          [ADA.id, BEN.id]
        ]);
        const responses = await Promise.all([grant(BEN.id, 'user'), grant(ADA.id, 'user')]);

        // The loser is refused as LAST_ADMIN, or as no longer an admin itself (403) when ada went first.
        const statuses = responses.map((response) => response.statusCode);
        expect(statuses.filter((status) => status === 200), `round ${round}: ${statuses}`).toHaveLength(1);
        const { rows } = await api.db.query<{ n: number }>(
          `SELECT count(*) AS n FROM user_sites WHERE site_id = $1 AND role = 'admin'`,
          [LEEDS.id]
        );
        expect(Number(rows[0].n), `round ${round}`).toBe(1);
      }
    });

    it('answers 404 USER_NOT_FOUND for a user who does not exist', async () => {
      expectError(await grant('05e40000-0000-4000-8000-0000000000ff', 'user'), 404, 'USER_NOT_FOUND');
      expect((await members()).map((member) => member.userId)).toEqual([ADA.id, BEN.id, CLEO.id]);
    });

    it.each(['owner', 'Admin', '', 'root'])('rejects the role %j, naming role', async (role) => {
      const response = await grant(BEN.id, role);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json().error.fields).toEqual([{ field: 'role', message: 'Role must be one of: admin, user, viewer.' }]);
      expect(await roleOf(BEN.id)).toBe('user');
    });

    it.each([
      { kind: 'a missing role', payload: {}, field: 'role' },
      { kind: 'a role that is not text', payload: { role: 1 }, field: 'role' },
      { kind: 'an unknown property', payload: { role: 'user', siteId: TORONTO.id }, field: 'siteId' }
    ])('rejects $kind, naming $field', async ({ payload, field }) => {
      const response = await asAda('PUT', memberUrl(BEN.id), payload);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json().error.fields.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('rejects a userId that is not a UUID, naming userId', async () => {
      const response = await asAda('PUT', memberUrl('ben'), { role: 'user' });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.json().error.fields).toEqual([{ field: 'userId', message: expect.any(String) }]);
    });

    it('is for admins only', async () => {
      expectError(await api.as(BEN.email, { method: 'PUT', url: memberUrl(BEN.id), payload: { role: 'admin' } }), 403, 'ROLE_FORBIDDEN');
      expect(await roleOf(BEN.id)).toBe('user');
    });
  });

  describe('DELETE /api/sites/:siteId/members/:userId', () => {
    it('revokes a membership, after which the user no longer sees the site', async () => {
      const response = await revoke(BEN.id);
      expect(response.statusCode, response.body).toBe(204);
      expect(await roleOf(BEN.id)).toBeUndefined();
      expect(await sitesOf(BEN.email)).toEqual([]);
      expect((await api.as(BEN.email, { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}` })).statusCode).toBe(403);
    });

    it('answers 409 LAST_ADMIN when the only admin would be removed', async () => {
      expectError(await revoke(ADA.id), 409, 'LAST_ADMIN');
      expect(await roleOf(ADA.id)).toBe('admin');
    });

    it('lets an admin leave once another admin exists', async () => {
      await grant(CLEO.id, 'admin');
      expect((await revoke(ADA.id)).statusCode).toBe(204);
      const { rows } = await api.db.query('SELECT 1 FROM user_sites WHERE site_id = $1 AND user_id = $2', [LEEDS.id, ADA.id]);
      expect(rows).toEqual([]);
    });

    it('answers 404 MEMBER_NOT_FOUND for someone who is not a member', async () => {
      expectError(await revoke(DEV.id), 404, 'MEMBER_NOT_FOUND');
    });

    it('answers 404 MEMBER_NOT_FOUND for a user who does not exist', async () => {
      expectError(await revoke('05e40000-0000-4000-8000-0000000000ff'), 404, 'MEMBER_NOT_FOUND');
    });

    it('answers 404 when the membership was revoked already', async () => {
      expect((await revoke(CLEO.id)).statusCode).toBe(204);
      expectError(await revoke(CLEO.id), 404, 'MEMBER_NOT_FOUND');
    });
  });
});
