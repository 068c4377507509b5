import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Queryable } from '../../../sync-server/db/database';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import type { TestDatabase } from '../helpers/test-databases';

/**
 * The people of the administration tests: an organisation administrator who belongs to no site,
 * and the Leeds demo members, Ada its admin (not an organisation administrator here), Ben a user,
 * Cleo a viewer, and Eve, who belongs to Nairobi only.
 */
export const PEOPLE = {
  orgAdmin: 'olga@example.org',
  siteAdmin: 'ada@example.org',
  user: 'ben@example.org',
  viewer: 'cleo@example.org',
  outsider: 'eve@example.org'
} as const;
export type Person = keyof typeof PEOPLE;

/** The demo fixture, with Olga the only organisation administrator. */
export async function openAdminFixture(testDatabase: TestDatabase): Promise<ApiFixture> {
  const api = await openApiFixture(testDatabase);
  // Her first request creates her account, as a first sign-in does.
  const me = await api.as(PEOPLE.orgAdmin, { method: 'GET', url: '/api/users/profile' });
  expect(me.statusCode, me.body).toBe(200);
  await makeOnlyOrgAdmin(api.db, PEOPLE.orgAdmin);
  return api;
}

export async function makeOnlyOrgAdmin(db: Queryable, email: string): Promise<void> {
  await db.query('UPDATE users SET org_admin = (lower(email) = lower($1))', [email]);
}

export function call(api: ApiFixture, person: Person, request: InjectOptions): Promise<LightMyRequestResponse> {
  return api.as(PEOPLE[person], request);
}

/** Asserts status and, for an error, its code; returns the body. */
export function expectAnswer(response: LightMyRequestResponse, status: number, code?: string): any {
  expect(response.statusCode, response.body).toBe(status);
  if (code) expect(response.json().error.code).toBe(code);
  return response.body ? response.json() : undefined;
}

export async function userIdOf(db: Queryable, email: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  if (!rows[0]) throw new Error(`no user ${email}`);
  return rows[0].id;
}

export async function roleOf(db: Queryable, email: string, siteId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ role: string }>(
    'SELECT us.role FROM user_sites us JOIN users u ON u.id = us.user_id WHERE lower(u.email) = lower($1) AND us.site_id = $2',
    [email, siteId]
  );
  return rows[0]?.role;
}

export const NEW_SITE = {
  name: 'Lisbon Outreach',
  description: 'Street outreach along the river.',
  timeZone: 'Europe/Lisbon',
  interactionTypes: ['Visit', 'Call']
};
