import { LEEDS, NAIROBI, type DemoSite, type DemoUser } from '../../../sync-server/demo/demo-directory';
import { demoUser } from '../helpers/api-fixture';
import { MATRIX_ORG_ADMIN } from './matrix-arrange';

/**
 * The authorization matrix: DESIGN §3 plus the API rules, one row per endpoint and situation, one
 * column per caller. Every expected answer lives in this table and nowhere else.
 *
 * - read: every role of the site; create and edit: admin and user; delete: admin any, user own;
 *   manage members (list included), invitations, the site's types and audit log: admin only.
 * - An organisation administrator may do all a site admin may on every site, and create, rename,
 *   archive and restore sites and manage administrators; it does not make them a member, so they
 *   read no site's records.
 * - A record asked for by id in a site the caller does not belong to: 404, its existence not revealed.
 * - A site named by an administration route that the caller neither belongs to nor administers as
 *   organisation administrator: 404 SITE_NOT_FOUND, the site stays invisible.
 * - A site named by a record route (path, query or body) that the caller does not belong to: 403 SITE_FORBIDDEN.
 * - A role without the right: 403 ROLE_FORBIDDEN. No token: 401 on every endpoint.
 */

export type Endpoint =
  | 'GET /api/users/profile'
  | 'GET /api/users/sites'
  | 'GET /api/sites'
  | 'GET /api/sites/:siteId/members'
  | 'PUT /api/sites/:siteId/members/:userId'
  | 'DELETE /api/sites/:siteId/members/:userId'
  | 'GET /api/interactions?siteId='
  | 'GET /api/interactions'
  | 'GET /api/interactions/:id'
  | 'GET /api/interactions/:id/history'
  | 'POST /api/interactions'
  | 'PATCH /api/interactions/:id'
  | 'DELETE /api/interactions/:id'
  | 'GET /api/search/interactions?q=&siteId='
  | 'GET /api/search/interactions?q='
  | AdminEndpoint;

/** The administration routes (issue 14), prepared in matrix-admin-endpoints.ts. */
export type AdminEndpoint =
  | 'GET /api/sites/managed'
  | 'GET /api/admin/sites'
  | 'GET /api/sites/:siteId/settings'
  | 'POST /api/sites'
  | 'PATCH /api/sites/:siteId {interactionTypes}'
  | 'PATCH /api/sites/:siteId {name}'
  | 'POST /api/sites/:siteId/archive'
  | 'POST /api/sites/:siteId/restore'
  | 'POST /api/sites/:siteId/invitations'
  | 'GET /api/sites/:siteId/invitations'
  | 'DELETE /api/sites/:siteId/invitations/:invitationId'
  | 'GET /api/sites/:siteId/audit'
  | 'GET /api/admin/audit'
  | 'GET /api/admin/administrators'
  | 'PUT /api/admin/administrators'
  | 'DELETE /api/admin/administrators/:userId';

/**
 * Where the call acts: the callers' common site (Leeds), a site none of them belongs to (Nairobi),
 * every site of the caller, or no site at all.
 */
export type Where = 'own site' | 'other site' | 'all own sites' | 'no site' | 'without a token';

/**
 * What the call acts on. A record: created by the caller, or by another member of its site. A
 * membership: the caller's own, or another member's.
 */
export type Whose =
  | 'own record'
  | "another's record"
  | 'own membership'
  | "another member's membership"
  | 'own administration'
  | "another administrator's administration";

export type Expected =
  | '200'
  | '201'
  | '204'
  | '401 AUTH_MISSING'
  | '403 ROLE_FORBIDDEN'
  | '403 SITE_FORBIDDEN'
  | '404 INTERACTION_NOT_FOUND'
  | '404 MEMBER_NOT_FOUND'
  | '404 SITE_NOT_FOUND'
  | '409 LAST_ADMIN'
  | '409 LAST_ORG_ADMIN';

export type Caller = 'orgAdmin' | 'admin' | 'user' | 'viewer' | 'anonymous';

export interface MatrixRow {
  endpoint: Endpoint;
  where: Where;
  whose?: Whose;
  orgAdmin?: Expected;
  admin?: Expected;
  user?: Expected;
  viewer?: Expected;
  anonymous?: Expected;
}

const OWN = 'own record';
const OTHERS = "another's record";
const SELF = 'own membership';
const MEMBER = "another member's membership";
const OWN_ADMIN = 'own administration';
const OTHER_ADMIN = "another administrator's administration";
const R403 = '403 ROLE_FORBIDDEN';
const N404 = '404 SITE_NOT_FOUND';

// prettier-ignore
export const MATRIX: readonly MatrixRow[] = [
  { endpoint: 'GET /api/users/profile',                    where: 'no site',                      orgAdmin: '200', admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/users/sites',                      where: 'all own sites',                orgAdmin: '200', admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/sites',                            where: 'all own sites',                admin: '200',                       user: '200',                       viewer: '200' },

  { endpoint: 'GET /api/sites/:siteId/members',            where: 'own site',                     orgAdmin: '200', admin: '200',                       user: '403 ROLE_FORBIDDEN',        viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'GET /api/sites/:siteId/members',            where: 'other site',                   orgAdmin: '200', admin: N404,                        user: N404,                        viewer: N404 },
  { endpoint: 'PUT /api/sites/:siteId/members/:userId',    where: 'own site',   whose: SELF,      orgAdmin: '200', admin: '200',                       user: '403 ROLE_FORBIDDEN',        viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'PUT /api/sites/:siteId/members/:userId',    where: 'own site',   whose: MEMBER,    orgAdmin: '200', admin: '200',                       user: '403 ROLE_FORBIDDEN',        viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'PUT /api/sites/:siteId/members/:userId',    where: 'other site', whose: SELF,      orgAdmin: '200', admin: N404,                        user: N404,                        viewer: N404 },
  { endpoint: 'PUT /api/sites/:siteId/members/:userId',    where: 'other site', whose: MEMBER,    orgAdmin: '200', admin: N404,                        user: N404,                        viewer: N404 },
  // Ada is Leeds's only admin: allowed to manage members, but a site must keep one admin. Olga is
  // no member anywhere, so there is no membership of hers to remove.
  { endpoint: 'DELETE /api/sites/:siteId/members/:userId', where: 'own site',   whose: SELF,      orgAdmin: '404 MEMBER_NOT_FOUND', admin: '409 LAST_ADMIN', user: '403 ROLE_FORBIDDEN', viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'DELETE /api/sites/:siteId/members/:userId', where: 'own site',   whose: MEMBER,    orgAdmin: '204', admin: '204',                       user: '403 ROLE_FORBIDDEN',        viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'DELETE /api/sites/:siteId/members/:userId', where: 'other site', whose: SELF,      orgAdmin: '404 MEMBER_NOT_FOUND', admin: N404,       user: N404,                        viewer: N404 },
  { endpoint: 'DELETE /api/sites/:siteId/members/:userId', where: 'other site', whose: MEMBER,    orgAdmin: '204', admin: N404,                        user: N404,                        viewer: N404 },

  { endpoint: 'GET /api/sites/managed',                    where: 'no site',                      orgAdmin: '200', admin: '200', user: '200', viewer: '200' },
  { endpoint: 'GET /api/admin/sites',                      where: 'no site',                      orgAdmin: '200', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'POST /api/sites',                           where: 'no site',                      orgAdmin: '201', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'GET /api/admin/audit',                      where: 'no site',                      orgAdmin: '200', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'GET /api/admin/administrators',             where: 'no site',                      orgAdmin: '200', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'PUT /api/admin/administrators',             where: 'no site',                      orgAdmin: '200', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'DELETE /api/admin/administrators/:userId',  where: 'no site', whose: OWN_ADMIN,    orgAdmin: '409 LAST_ORG_ADMIN', admin: R403, user: R403, viewer: R403 },
  { endpoint: 'DELETE /api/admin/administrators/:userId',  where: 'no site', whose: OTHER_ADMIN,  orgAdmin: '204', admin: R403,  user: R403,  viewer: R403 },
  { endpoint: 'GET /api/sites/:siteId/settings', where: 'own site',   orgAdmin: '200', admin: '200', user: R403, viewer: R403 },
  { endpoint: 'GET /api/sites/:siteId/settings', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'PATCH /api/sites/:siteId {interactionTypes}', where: 'own site',   orgAdmin: '200', admin: '200', user: R403, viewer: R403 },
  { endpoint: 'PATCH /api/sites/:siteId {interactionTypes}', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'PATCH /api/sites/:siteId {name}', where: 'own site',   orgAdmin: '200', admin: R403, user: R403, viewer: R403 },
  { endpoint: 'PATCH /api/sites/:siteId {name}', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'POST /api/sites/:siteId/archive', where: 'own site',   orgAdmin: '200', admin: R403, user: R403, viewer: R403 },
  { endpoint: 'POST /api/sites/:siteId/archive', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  // An archived site is invisible to its members: only organisation administrators see it to restore it.
  { endpoint: 'POST /api/sites/:siteId/restore', where: 'own site',   orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'POST /api/sites/:siteId/restore', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'POST /api/sites/:siteId/invitations', where: 'own site',   orgAdmin: '201', admin: '201', user: R403, viewer: R403 },
  { endpoint: 'POST /api/sites/:siteId/invitations', where: 'other site', orgAdmin: '201', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'GET /api/sites/:siteId/invitations', where: 'own site',   orgAdmin: '200', admin: '200', user: R403, viewer: R403 },
  { endpoint: 'GET /api/sites/:siteId/invitations', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'DELETE /api/sites/:siteId/invitations/:invitationId', where: 'own site',   orgAdmin: '204', admin: '204', user: R403, viewer: R403 },
  { endpoint: 'DELETE /api/sites/:siteId/invitations/:invitationId', where: 'other site', orgAdmin: '204', admin: N404, user: N404, viewer: N404 },
  { endpoint: 'GET /api/sites/:siteId/audit', where: 'own site',   orgAdmin: '200', admin: '200', user: R403, viewer: R403 },
  { endpoint: 'GET /api/sites/:siteId/audit', where: 'other site', orgAdmin: '200', admin: N404, user: N404, viewer: N404 },

  { endpoint: 'GET /api/interactions?siteId=',             where: 'own site',                     orgAdmin: '403 SITE_FORBIDDEN', admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/interactions?siteId=',             where: 'other site',                   admin: '403 SITE_FORBIDDEN',        user: '403 SITE_FORBIDDEN',        viewer: '403 SITE_FORBIDDEN' },
  { endpoint: 'GET /api/interactions',                     where: 'all own sites',                admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/search/interactions?q=&siteId=',   where: 'own site',                     admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/search/interactions?q=&siteId=',   where: 'other site',                   admin: '403 SITE_FORBIDDEN',        user: '403 SITE_FORBIDDEN',        viewer: '403 SITE_FORBIDDEN' },
  { endpoint: 'GET /api/search/interactions?q=',           where: 'all own sites',                admin: '200',                       user: '200',                       viewer: '200' },

  { endpoint: 'GET /api/interactions/:id',                 where: 'own site',   whose: OWN,       admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/interactions/:id',                 where: 'own site',   whose: OTHERS,    admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/interactions/:id',                 where: 'other site', whose: OWN,       admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'GET /api/interactions/:id',                 where: 'other site', whose: OTHERS,    admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'GET /api/interactions/:id/history',         where: 'own site',   whose: OWN,       admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/interactions/:id/history',         where: 'own site',   whose: OTHERS,    admin: '200',                       user: '200',                       viewer: '200' },
  { endpoint: 'GET /api/interactions/:id/history',         where: 'other site', whose: OWN,       admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'GET /api/interactions/:id/history',         where: 'other site', whose: OTHERS,    admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'POST /api/interactions',                    where: 'own site',                     orgAdmin: '403 SITE_FORBIDDEN', admin: '201',                       user: '201',                       viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'POST /api/interactions',                    where: 'other site',                   admin: '403 SITE_FORBIDDEN',        user: '403 SITE_FORBIDDEN',        viewer: '403 SITE_FORBIDDEN' },
  { endpoint: 'PATCH /api/interactions/:id',               where: 'own site',   whose: OWN,       admin: '200',                       user: '200',                       viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'PATCH /api/interactions/:id',               where: 'own site',   whose: OTHERS,    admin: '200',                       user: '200',                       viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'PATCH /api/interactions/:id',               where: 'other site', whose: OWN,       admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'PATCH /api/interactions/:id',               where: 'other site', whose: OTHERS,    admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'DELETE /api/interactions/:id',              where: 'own site',   whose: OWN,       admin: '204',                       user: '204',                       viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'DELETE /api/interactions/:id',              where: 'own site',   whose: OTHERS,    admin: '204',                       user: '403 ROLE_FORBIDDEN',        viewer: '403 ROLE_FORBIDDEN' },
  { endpoint: 'DELETE /api/interactions/:id',              where: 'other site', whose: OWN,       admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },
  { endpoint: 'DELETE /api/interactions/:id',              where: 'other site', whose: OTHERS,    admin: '404 INTERACTION_NOT_FOUND', user: '404 INTERACTION_NOT_FOUND', viewer: '404 INTERACTION_NOT_FOUND' },

  { endpoint: 'GET /api/users/profile',                    where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/users/sites',                      where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites',                            where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites/:siteId/members',            where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'PUT /api/sites/:siteId/members/:userId',    where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'DELETE /api/sites/:siteId/members/:userId', where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/interactions?siteId=',             where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/interactions',                     where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/search/interactions?q=&siteId=',   where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/search/interactions?q=',           where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/interactions/:id',                 where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/interactions/:id/history',         where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'POST /api/interactions',                    where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'PATCH /api/interactions/:id',               where: 'without a token',              anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites/managed', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/admin/sites', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites/:siteId/settings', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'POST /api/sites', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'PATCH /api/sites/:siteId {interactionTypes}', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'POST /api/sites/:siteId/archive', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'POST /api/sites/:siteId/restore', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'POST /api/sites/:siteId/invitations', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites/:siteId/invitations', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'DELETE /api/sites/:siteId/invitations/:invitationId', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/sites/:siteId/audit', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/admin/audit', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'GET /api/admin/administrators', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'PUT /api/admin/administrators', where: 'without a token', anonymous: '401 AUTH_MISSING' },
  { endpoint: 'DELETE /api/interactions/:id',              where: 'without a token',              anonymous: '401 AUTH_MISSING' }
];

/**
 * Who plays each role: the three Leeds members, none of whom belongs to Nairobi, and Olga, the only
 * organisation administrator (Ada is not one in the matrix), who belongs to no site.
 */
export const CALLERS: Record<Exclude<Caller, 'anonymous'>, DemoUser> = {
  orgAdmin: MATRIX_ORG_ADMIN,
  admin: demoUser('ada@example.org'),
  user: demoUser('ben@example.org'),
  viewer: demoUser('cleo@example.org')
};

export const OWN_SITE = LEEDS;
export const OTHER_SITE = NAIROBI;

/** One cell of the matrix: one caller in one situation, and the answer it must get. */
export interface MatrixCell {
  name: string;
  endpoint: Endpoint;
  whose?: Whose;
  /** Undefined when the request goes without a token. */
  caller?: DemoUser;
  /** The site the call acts on or the record lives in. */
  site: DemoSite;
  expected: Expected;
}

/** Every cell of the table, each named as the test that checks it. */
export function matrixCells(): MatrixCell[] {
  return MATRIX.flatMap((row) =>
    (['orgAdmin', 'admin', 'user', 'viewer', 'anonymous'] as const).flatMap((column) => {
      const expected = row[column];
      if (!expected) return [];
      const caller = column === 'anonymous' ? undefined : CALLERS[column];
      const site = row.where === 'other site' ? OTHER_SITE : OWN_SITE;
      return [{ name: cellName(row, column, expected), endpoint: row.endpoint, whose: row.whose, caller, site, expected }];
    })
  );
}

const WHERE_PHRASES: Record<Where, string> = {
  'own site': ' in own site',
  'other site': ` in other site (${placeName(OTHER_SITE)})`,
  'all own sites': ' across own sites',
  'no site': '',
  'without a token': ' without a token'
};

function cellName(row: MatrixRow, column: Caller, expected: Expected): string {
  const who =
    column === 'anonymous'
      ? 'anonymous'
      : column === 'orgAdmin'
        ? `${CALLERS[column].email.split('@')[0]} (organisation administrator, no site)`
        : `${CALLERS[column].email.split('@')[0]} (${column}, ${placeName(OWN_SITE)})`;
  const on = row.whose ? ` on ${row.whose}` : '';
  return `${who} ${row.endpoint}${on}${WHERE_PHRASES[row.where]} -> ${expected}`;
}

function placeName(site: DemoSite): string {
  return site.name.split(' ')[0];
}
