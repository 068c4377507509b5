import { roleAllows, type SiteAction, type SiteMembership } from '../../src/lib/domain';
import type { Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import { findMembership } from '../repositories/memberships-repository';

const ACTION_WORDS: Record<SiteAction, string> = {
  read: 'read interactions',
  create: 'create interactions',
  edit: 'edit interactions',
  delete: 'delete this interaction',
  manageMembers: 'manage members'
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
