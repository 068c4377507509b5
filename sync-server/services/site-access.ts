import { roleAllows, type Role, type SiteAction, type SiteMembership } from '../../src/lib/domain';
import type { Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import { findMembership, findRoleInSite } from '../repositories/memberships-repository';
import { findSite, type SiteRow } from '../repositories/sites-repository';
import { isOrgAdmin } from '../repositories/users-repository';

const ACTION_WORDS: Record<SiteAction, string> = {
  read: 'read interactions',
  create: 'create interactions',
  edit: 'edit interactions',
  delete: 'delete this interaction',
  manageMembers: 'manage members',
  manageTypes: 'change interaction types',
  readAudit: 'read the audit log'
};

/**
 * The caller's membership of a site, checked against the action, read from user_sites on every
 * call so a revoked role stops working at the very next request. Not a member: 403.
 */
export async function requireSiteRole(
  db: Queryable,
  access: { userId: string; siteId: string; action: SiteAction }
): Promise<SiteMembership> {
  const membership = await findMembership(db, access.userId, access.siteId);
  if (!membership) throw new HttpError(403, 'SITE_FORBIDDEN', 'You are not a member of this site.');
  assertRoleAllows(membership, access.action);
  return membership;
}

/**
 * Like requireSiteRole, for a record the caller asked for by id: when they are not a member of its
 * site the record is reported missing (404), so its existence is not revealed.
 */
export async function requireRecordAccess(
  db: Queryable,
  access: { userId: string; siteId: string; action: SiteAction; isOwner?: boolean }
): Promise<SiteMembership> {
  const membership = await findMembership(db, access.userId, access.siteId);
  if (!membership) throw interactionNotFound();
  assertRoleAllows(membership, access.action, access.isOwner);
  return membership;
}

function assertRoleAllows(membership: SiteMembership, action: SiteAction, isOwner = false): void {
  if (roleAllows(membership.role, action, isOwner)) return;
  const own = action === 'delete' && membership.role === 'user' ? ' (a user may delete only their own)' : '';
  throw new HttpError(
    403,
    'ROLE_FORBIDDEN',
    `As ${membership.role} of ${membership.site.name} you cannot ${ACTION_WORDS[action]}${own}.`
  );
}

export function interactionNotFound(): HttpError {
  return new HttpError(404, 'INTERACTION_NOT_FOUND', 'There is no such interaction.');
}

/** What an administration route may act on, and as whom. */
export interface SiteAdministration {
  site: SiteRow;
  /** The caller's role in the site; null when they act as organisation administrator only. */
  role: Role | null;
  orgAdmin: boolean;
}

/** A site action, or one only organisation administrators may take (archive, restore, rename). */
export type AdministrationAction = SiteAction | 'administerOrganisation';

/**
 * Access to a site's administration, read afresh on every call. An organisation administrator may
 * do everything on every site, archived ones included. Anyone else sees only live sites they
 * belong to: another site is reported missing (404), so it stays invisible, and a member whose role
 * lacks the action gets 403.
 */
export async function requireSiteAdministration(
  db: Queryable,
  access: { userId: string; siteId: string; action: AdministrationAction }
): Promise<SiteAdministration> {
  const site = await findSite(db, access.siteId);
  if (!site) throw siteNotFound();
  const orgAdmin = await isOrgAdmin(db, access.userId);
  const role = await findRoleInSite(db, access.userId, access.siteId);
  if (orgAdmin) return { site, role: role ?? null, orgAdmin };
  if (!role || site.archivedAt !== null) throw siteNotFound();
  if (access.action === 'administerOrganisation') throw orgAdminOnly();
  assertRoleAllows({ site, role }, access.action);
  return { site, role, orgAdmin };
}

/** Organisation-wide administration: 403 for everyone but organisation administrators. */
export async function requireOrgAdmin(db: Queryable, userId: string): Promise<void> {
  if (!(await isOrgAdmin(db, userId))) throw orgAdminOnly();
}

function orgAdminOnly(): HttpError {
  return new HttpError(403, 'ROLE_FORBIDDEN', 'Only an organisation administrator may do this.');
}

export function siteNotFound(): HttpError {
  return new HttpError(404, 'SITE_NOT_FOUND', 'There is no such site.');
}
