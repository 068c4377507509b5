import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { uuidv7, type Role } from '../../../src/lib/domain';
import { DEMO_SITES, DEMO_USERS, type DemoSite, type DemoUser } from '../../../sync-server/demo/demo-directory';
import type { ApiFixture } from '../helpers/api-fixture';
import {
  SITE_RECORD_WORD,
  createRecord,
  directoryRole,
  interactionFields,
  otherAuthor,
  otherMember,
  MATRIX_ORG_ADMIN,
  storedRecord,
  storedRole
} from './matrix-arrange';
import { ADMIN_ENDPOINTS } from './matrix-admin-endpoints';
import type { AdminEndpoint, Endpoint, MatrixCell } from './matrix-cases';

/** A request ready to send, and how to tell that it did what its answer says. */
export interface PreparedCall {
  request: InjectOptions;
  /** Checks the body and the database after a 2xx answer. */
  allowed(response: LightMyRequestResponse): Promise<void>;
  /** Checks that a refused call changed nothing. */
  refused(): Promise<void>;
}

export type Prepare = (api: ApiFixture, cell: MatrixCell) => Promise<PreparedCall>;

const NOTE = 'Edited through the authorization matrix.';
const readsChangeNothing = async () => {};

/** How each endpoint of the matrix is called, and what its success and refusal look like. */
const RECORD_ENDPOINTS: Record<Exclude<Endpoint, AdminEndpoint>, Prepare> = {
  'GET /api/users/profile': async (_api, cell) => ({
    request: { method: 'GET', url: '/api/users/profile' },
    async allowed(response) {
      const { id, email, name } = callerOf(cell);
      expect(response.json()).toEqual({ id, email, name, orgAdmin: id === MATRIX_ORG_ADMIN.id });
    },
    refused: readsChangeNothing
  }),

  'GET /api/users/sites': async (_api, cell) => mySites(cell, '/api/users/sites'),
  'GET /api/sites': async (_api, cell) => mySites(cell, '/api/sites'),

  'GET /api/sites/:siteId/members': async (_api, cell) => ({
    request: { method: 'GET', url: `/api/sites/${cell.site.id}/members` },
    async allowed(response) {
      const expected = DEMO_USERS.flatMap((user) => {
        const role = directoryRole(user, cell.site);
        return role ? [{ userId: user.id, email: user.email, name: user.name, role }] : [];
      });
      expect(byKey(response.json(), 'userId')).toEqual(byKey(expected, 'userId'));
    },
    refused: readsChangeNothing
  }),

  'PUT /api/sites/:siteId/members/:userId': async (api, cell) => {
    const target = memberTarget(cell);
    const before = directoryRole(target, cell.site);
    // Oneself is always asked to be made admin: the escalation a non-admin must not get.
    const role: Role = target.id === cell.caller?.id ? 'admin' : before === 'viewer' ? 'user' : 'viewer';
    return {
      request: { method: 'PUT', url: `/api/sites/${cell.site.id}/members/${target.id}`, payload: { role } },
      async allowed(response) {
        expect(response.json()).toEqual({ userId: target.id, email: target.email, name: target.name, role });
        expect(await storedRole(api.db, target, cell.site)).toBe(role);
      },
      async refused() {
        expect(await storedRole(api.db, target, cell.site)).toBe(before);
      }
    };
  },

  'DELETE /api/sites/:siteId/members/:userId': async (api, cell) => {
    const target = memberTarget(cell);
    const before = directoryRole(target, cell.site);
    return {
      request: { method: 'DELETE', url: `/api/sites/${cell.site.id}/members/${target.id}` },
      async allowed() {
        expect(await storedRole(api.db, target, cell.site)).toBeUndefined();
      },
      async refused() {
        expect(await storedRole(api.db, target, cell.site)).toBe(before);
      }
    };
  },

  'GET /api/interactions?siteId=': async (_api, cell) => ({
    request: { method: 'GET', url: `/api/interactions?siteId=${cell.site.id}&limit=100` },
    async allowed(response) {
      expectOnlySite(response.json().items, cell.site);
    },
    refused: readsChangeNothing
  }),

  'GET /api/interactions': async (api, cell) => {
    const url = (cursor?: string) => `/api/interactions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    return {
      request: { method: 'GET', url: url() },
      async allowed(response) {
        await expectOnlyCallersSites(api, cell, response, url);
      },
      refused: readsChangeNothing
    };
  },

  'GET /api/search/interactions?q=&siteId=': async (_api, cell) => ({
    request: { method: 'GET', url: `/api/search/interactions?q=${SITE_RECORD_WORD}&siteId=${cell.site.id}&limit=100` },
    async allowed(response) {
      expectOnlySite(response.json().items, cell.site);
    },
    refused: readsChangeNothing
  }),

  'GET /api/search/interactions?q=': async (api, cell) => {
    const url = (cursor?: string) =>
      `/api/search/interactions?q=${SITE_RECORD_WORD}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    return {
      request: { method: 'GET', url: url() },
      async allowed(response) {
        await expectOnlyCallersSites(api, cell, response, url);
      },
      refused: readsChangeNothing
    };
  },

  'GET /api/interactions/:id': async (api, cell) => {
    const id = await recordFor(api, cell);
    return {
      request: { method: 'GET', url: `/api/interactions/${id}` },
      async allowed(response) {
        expect(response.json()).toMatchObject({ id, siteId: cell.site.id });
      },
      refused: readsChangeNothing
    };
  },

  'GET /api/interactions/:id/history': async (api, cell) => {
    const id = await recordFor(api, cell);
    return {
      request: { method: 'GET', url: `/api/interactions/${id}/history` },
      async allowed(response) {
        expect(response.json()).toEqual([expect.objectContaining({ action: 'create' })]);
      },
      refused: readsChangeNothing
    };
  },

  'POST /api/interactions': async (api, cell) => {
    const id = uuidv7();
    return {
      request: {
        method: 'POST',
        url: '/api/interactions',
        payload: { siteId: cell.site.id, id, ...interactionFields('Created through the matrix') }
      },
      async allowed(response) {
        expect(response.json()).toMatchObject({ id, siteId: cell.site.id, createdBy: callerOf(cell).id });
        expect(await storedRecord(api.db, id)).toMatchObject({ siteId: cell.site.id, createdBy: callerOf(cell).id });
      },
      async refused() {
        expect(await storedRecord(api.db, id)).toBeUndefined();
      }
    };
  },

  'PATCH /api/interactions/:id': async (api, cell) => {
    const id = await recordFor(api, cell);
    return {
      request: { method: 'PATCH', url: `/api/interactions/${id}`, payload: { notes: NOTE } },
      async allowed(response) {
        expect(response.json()).toMatchObject({ id, notes: NOTE });
        expect(await storedRecord(api.db, id)).toMatchObject({ notes: NOTE });
      },
      async refused() {
        expect(await storedRecord(api.db, id)).toMatchObject({ notes: null, deleted: false });
      }
    };
  },

  'DELETE /api/interactions/:id': async (api, cell) => {
    const id = await recordFor(api, cell);
    return {
      request: { method: 'DELETE', url: `/api/interactions/${id}` },
      async allowed() {
        expect(await storedRecord(api.db, id)).toMatchObject({ deleted: true });
      },
      async refused() {
        expect(await storedRecord(api.db, id)).toMatchObject({ deleted: false });
      }
    };
  }
};

export const ENDPOINTS: Record<Endpoint, Prepare> = { ...RECORD_ENDPOINTS, ...ADMIN_ENDPOINTS };

function callerOf(cell: MatrixCell): DemoUser {
  if (!cell.caller) throw new Error(`${cell.name}: an anonymous call cannot succeed`);
  return cell.caller;
}

/** A fresh record in the cell's site: the caller's own, or another member's (also without a token). */
function recordFor(api: ApiFixture, cell: MatrixCell): Promise<string> {
  const owner = cell.whose === 'own record' && cell.caller ? cell.caller : otherAuthor(cell.site, cell.caller);
  return createRecord(api, { owner, site: cell.site });
}

function memberTarget(cell: MatrixCell): DemoUser {
  return cell.whose === 'own membership' && cell.caller ? cell.caller : otherMember(cell.site, cell.caller);
}

function callerSites(cell: MatrixCell): DemoSite[] {
  return DEMO_SITES.filter((site) => directoryRole(callerOf(cell), site));
}

function mySites(cell: MatrixCell, url: string): PreparedCall {
  return {
    request: { method: 'GET', url },
    async allowed(response) {
      const expected = callerSites(cell).map((site) => ({ id: site.id, role: directoryRole(callerOf(cell), site) }));
      const actual = response.json().map(({ id, role }: { id: string; role: Role }) => ({ id, role }));
      expect(byKey(actual, 'id')).toEqual(byKey(expected, 'id'));
    },
    refused: readsChangeNothing
  };
}

function expectOnlySite(items: { siteId: string }[], site: DemoSite): void {
  expect(items.length).toBeGreaterThan(0);
  expect(new Set(items.map((item) => item.siteId))).toEqual(new Set([site.id]));
}

/**
 * Reads every page as the caller and checks the rows come from exactly the caller's sites: each of
 * them (every site holds a record) and no other (so do the sites the caller is not in).
 */
async function expectOnlyCallersSites(
  api: ApiFixture,
  cell: MatrixCell,
  first: LightMyRequestResponse,
  url: (cursor?: string) => string
): Promise<void> {
  const items: { siteId: string }[] = [];
  let page = first.json();
  items.push(...page.items);
  while (page.nextCursor) {
    const next = await api.as(callerOf(cell).email, { method: 'GET', url: url(page.nextCursor) });
    expect(next.statusCode, next.body).toBe(200);
    page = next.json();
    items.push(...page.items);
  }
  const seen = new Set(items.map((item) => item.siteId));
  expect(seen).toEqual(new Set(callerSites(cell).map((site) => site.id)));
}

function byKey<T>(rows: T[], key: keyof T): T[] {
  return [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
