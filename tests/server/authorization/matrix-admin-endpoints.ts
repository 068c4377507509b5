import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { uuidv7 } from '../../../src/lib/domain';
import { DEMO_SITES, type DemoSite, type DemoUser } from '../../../sync-server/demo/demo-directory';
import type { Queryable } from '../../../sync-server/db/database';
import { demoUser, type ApiFixture } from '../helpers/api-fixture';
import { MATRIX_ORG_ADMIN, directoryRole } from './matrix-arrange';
import type { AdminEndpoint } from './matrix-cases';
import type { Prepare } from './matrix-endpoints';
const readsChangeNothing = async () => {};
const NEW_TYPES = ['Meeting', 'Call', 'Matrix visit'];

/** How each administration endpoint of the matrix is called, and what its success and refusal look like. */
export const ADMIN_ENDPOINTS: Record<AdminEndpoint, Prepare> = {
  'GET /api/sites/managed': async (_api, cell) => ({
    request: { method: 'GET', url: '/api/sites/managed' },
    async allowed(response) {
      const ids = siteIds(response);
      if (cell.caller?.id === MATRIX_ORG_ADMIN.id) expect(ids).toEqual(expect.arrayContaining(DEMO_SITES.map((site) => site.id)));
      else expect(ids.sort()).toEqual(DEMO_SITES.filter((site) => directoryRole(cell.caller!, site) === 'admin').map((site) => site.id).sort());
    },
    refused: readsChangeNothing
  }),

  'GET /api/admin/sites': async () => ({
    request: { method: 'GET', url: '/api/admin/sites' },
    async allowed(response) {
      expect(siteIds(response)).toEqual(expect.arrayContaining(DEMO_SITES.map((site) => site.id)));
    },
    refused: readsChangeNothing
  }),

  'GET /api/sites/:siteId/settings': async (_api, cell) => ({
    request: { method: 'GET', url: `/api/sites/${cell.site.id}/settings` },
    async allowed(response) {
      expect(response.json()).toMatchObject({ id: cell.site.id, name: cell.site.name, timeZone: cell.site.homeTimeZone });
    },
    refused: readsChangeNothing
  }),

  'POST /api/sites': async (api) => {
    const name = `Matrix site ${uuidv7().slice(-8)}`;
    return {
      request: { method: 'POST', url: '/api/sites', payload: { name, timeZone: 'UTC', interactionTypes: ['Meeting'] } },
      async allowed(response) {
        expect(response.json()).toMatchObject({ name, role: 'admin' });
        expect(await sitesNamed(api.db, name)).toBe(1);
      },
      async refused() {
        expect(await sitesNamed(api.db, name)).toBe(0);
      }
    };
  },

  'PATCH /api/sites/:siteId {interactionTypes}': async (api, cell) => ({
    request: { method: 'PATCH', url: `/api/sites/${cell.site.id}`, payload: { interactionTypes: NEW_TYPES } },
    async allowed(response) {
      expect(response.json()).toMatchObject({ interactionTypes: NEW_TYPES });
      expect((await storedSite(api.db, cell.site)).types).toEqual(NEW_TYPES);
    },
    async refused() {
      expect((await storedSite(api.db, cell.site)).types).not.toEqual(NEW_TYPES);
    }
  }),

  'PATCH /api/sites/:siteId {name}': async (api, cell) => ({
    request: { method: 'PATCH', url: `/api/sites/${cell.site.id}`, payload: { name: 'Renamed by the matrix' } },
    async allowed() {
      expect((await storedSite(api.db, cell.site)).name).toBe('Renamed by the matrix');
    },
    async refused() {
      expect((await storedSite(api.db, cell.site)).name).toBe(cell.site.name);
    }
  }),

  'POST /api/sites/:siteId/archive': async (api, cell) => ({
    request: { method: 'POST', url: `/api/sites/${cell.site.id}/archive` },
    async allowed() {
      expect((await storedSite(api.db, cell.site)).archived).toBe(true);
    },
    async refused() {
      expect((await storedSite(api.db, cell.site)).archived).toBe(false);
    }
  }),

  'POST /api/sites/:siteId/restore': async (api, cell) => {
    // Archived first, by SQL: the restore is what the cell checks.
    await api.db.query('UPDATE sites SET archived_at = now() WHERE id = $1', [cell.site.id]);
    return {
      request: { method: 'POST', url: `/api/sites/${cell.site.id}/restore` },
      async allowed() {
        expect((await storedSite(api.db, cell.site)).archived).toBe(false);
      },
      async refused() {
        expect((await storedSite(api.db, cell.site)).archived).toBe(true);
      }
    };
  },

  'POST /api/sites/:siteId/invitations': async (api, cell) => {
    const email = `invited-${uuidv7().slice(-8)}@example.org`;
    return {
      request: { method: 'POST', url: `/api/sites/${cell.site.id}/invitations`, payload: { email, role: 'user' } },
      async allowed(response) {
        expect(response.json()).toMatchObject({ outcome: 'invited', invitation: { email, siteId: cell.site.id } });
        expect(await invitationsFor(api.db, email)).toBe(1);
      },
      async refused() {
        expect(await invitationsFor(api.db, email)).toBe(0);
      }
    };
  },

  'GET /api/sites/:siteId/invitations': async (api, cell) => {
    const id = await addInvitation(api.db, cell.site);
    return {
      request: { method: 'GET', url: `/api/sites/${cell.site.id}/invitations` },
      async allowed(response) {
        expect(response.json().map((invitation: { id: string }) => invitation.id)).toEqual([id]);
      },
      refused: readsChangeNothing
    };
  },

  'DELETE /api/sites/:siteId/invitations/:invitationId': async (api, cell) => {
    const id = await addInvitation(api.db, cell.site);
    const count = async () => (await api.db.query('SELECT 1 FROM site_invitations WHERE id = $1', [id])).rows.length;
    return {
      request: { method: 'DELETE', url: `/api/sites/${cell.site.id}/invitations/${id}` },
      async allowed() {
        expect(await count()).toBe(0);
      },
      async refused() {
        expect(await count()).toBe(1);
      }
    };
  },

  'GET /api/sites/:siteId/audit': async (api, cell) => {
    await api.db.query(`INSERT INTO audit_log (site_id, actor_id, action) VALUES ($1, $2, 'site.updated')`, [cell.site.id, MATRIX_ORG_ADMIN.id]);
    return {
      request: { method: 'GET', url: `/api/sites/${cell.site.id}/audit` },
      async allowed(response) {
        const { entries } = response.json();
        expect(entries.length).toBeGreaterThan(0);
        expect(new Set(entries.map((entry: { siteId: string }) => entry.siteId))).toEqual(new Set([cell.site.id]));
      },
      refused: readsChangeNothing
    };
  },

  'GET /api/admin/audit': async () => ({
    request: { method: 'GET', url: '/api/admin/audit' },
    async allowed(response) {
      expect(response.json()).toMatchObject({ entries: expect.any(Array) });
    },
    refused: readsChangeNothing
  }),

  'GET /api/admin/administrators': async () => ({
    request: { method: 'GET', url: '/api/admin/administrators' },
    async allowed(response) {
      expect(response.json().administrators).toEqual([{ userId: MATRIX_ORG_ADMIN.id, email: MATRIX_ORG_ADMIN.email, name: MATRIX_ORG_ADMIN.name }]);
    },
    refused: readsChangeNothing
  }),

  'PUT /api/admin/administrators': async (api) => {
    const target = demoUser('dev@example.org');
    return {
      request: { method: 'PUT', url: '/api/admin/administrators', payload: { email: target.email } },
      async allowed() {
        expect(await isOrgAdmin(api.db, target)).toBe(true);
      },
      async refused() {
        expect(await isOrgAdmin(api.db, target)).toBe(false);
      }
    };
  },

  'DELETE /api/admin/administrators/:userId': async (api, cell) => {
    // Another administrator: Dev, granted for the cell; he is none of the callers.
    const target = cell.whose === 'own administration' ? cell.caller! : demoUser('dev@example.org');
    if (target.id !== cell.caller?.id) await api.db.query('UPDATE users SET org_admin = true WHERE id = $1', [target.id]);
    const before = await isOrgAdmin(api.db, target);
    return {
      request: { method: 'DELETE', url: `/api/admin/administrators/${target.id}` },
      async allowed() {
        expect(await isOrgAdmin(api.db, target)).toBe(false);
      },
      async refused() {
        expect(await isOrgAdmin(api.db, target)).toBe(before);
      }
    };
  }
};

function siteIds(response: LightMyRequestResponse): string[] {
  return response.json().map((site: { id: string }) => site.id);
}

async function sitesNamed(db: Queryable, name: string): Promise<number> {
  return (await db.query('SELECT 1 FROM sites WHERE name = $1', [name])).rows.length;
}

async function storedSite(db: Queryable, site: DemoSite): Promise<{ name: string; types: string[]; archived: boolean }> {
  const { rows } = await db.query<{ name: string; types: string[]; archived: boolean }>(
    'SELECT name, interaction_types AS types, archived_at IS NOT NULL AS archived FROM sites WHERE id = $1',
    [site.id]
  );
  return rows[0];
}

async function invitationsFor(db: Queryable, email: string): Promise<number> {
  return (await db.query('SELECT 1 FROM site_invitations WHERE email = $1', [email])).rows.length;
}

async function addInvitation(db: Queryable, site: DemoSite): Promise<string> {
  const id = uuidv7();
  await db.query(`INSERT INTO site_invitations (id, site_id, email, role, invited_by) VALUES ($1, $2, $3, 'viewer', $4)`, [
    id,
    site.id,
    `pending-${id.slice(-8)}@example.org`,
    MATRIX_ORG_ADMIN.id
  ]);
  return id;
}

async function isOrgAdmin(db: Queryable, user: DemoUser): Promise<boolean> {
  const { rows } = await db.query<{ orgAdmin: boolean }>('SELECT org_admin AS "orgAdmin" FROM users WHERE id = $1', [user.id]);
  return rows[0].orgAdmin;
}
