import type { Role, Site, SiteMembership } from '../../src/lib/domain';
import type { Queryable } from '../db/database';

export interface SiteMember {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

interface MembershipRow {
  id: string;
  name: string;
  description: string | null;
  interactionTypes: string[];
  retiredInteractionTypes: string[];
  timeZone: string;
  role: Role;
}

// An archived site gives its members no access: it leaves their lists, so their devices purge it,
// and every site-scoped request refuses them as if they were not members.
const MEMBERSHIP_SELECT = `
  SELECT s.id, s.name, s.description, s.interaction_types AS "interactionTypes",
         s.retired_interaction_types AS "retiredInteractionTypes", s.time_zone AS "timeZone", us.role
    FROM user_sites us JOIN sites s ON s.id = us.site_id AND s.archived_at IS NULL`;

/** A membership as stored: the site's optional settings are always there. */
export interface StoredMembership extends SiteMembership {
  site: Required<Site>;
}

function toMembership({ role, ...site }: MembershipRow): StoredMembership {
  return { site, role };
}

/** Every site the user belongs to, with their role there: the only source of site access. */
export async function listMembershipsOfUser(db: Queryable, userId: string): Promise<StoredMembership[]> {
  const { rows } = await db.query<MembershipRow>(
    `${MEMBERSHIP_SELECT} WHERE us.user_id = $1 ORDER BY s.name, s.id`,
    [userId]
  );
  return rows.map(toMembership);
}

export async function findMembership(
  db: Queryable,
  userId: string,
  siteId: string
): Promise<StoredMembership | undefined> {
  const { rows } = await db.query<MembershipRow>(`${MEMBERSHIP_SELECT} WHERE us.user_id = $1 AND us.site_id = $2`, [
    userId,
    siteId
  ]);
  return rows[0] && toMembership(rows[0]);
}

export async function listSiteMembers(db: Queryable, siteId: string): Promise<SiteMember[]> {
  const { rows } = await db.query<SiteMember>(
    `SELECT u.id AS "userId", u.email, u.name, us.role
       FROM user_sites us JOIN users u ON u.id = us.user_id
      WHERE us.site_id = $1
      ORDER BY u.name, u.id`,
    [siteId]
  );
  return rows;
}

export async function upsertMembership(db: Queryable, siteId: string, userId: string, role: Role): Promise<void> {
  await db.query(
    `INSERT INTO user_sites (site_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (site_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [siteId, userId, role]
  );
}

/** The caller's role in a site, archived or not: what administration checks (an org admin manages archived sites). */
export async function findRoleInSite(db: Queryable, userId: string, siteId: string): Promise<Role | undefined> {
  const { rows } = await db.query<{ role: Role }>('SELECT role FROM user_sites WHERE user_id = $1 AND site_id = $2', [
    userId,
    siteId
  ]);
  return rows[0]?.role;
}

export async function deleteMembership(db: Queryable, siteId: string, userId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM user_sites WHERE site_id = $1 AND user_id = $2', [
    siteId,
    userId
  ]);
  return rowCount > 0;
}

/**
 * The ids of the site's admins, their rows locked until the transaction ends: a concurrent change
 * that would also remove an admin waits, then sees this one's result.
 */
export async function lockAdmins(db: Queryable, siteId: string): Promise<string[]> {
  const { rows } = await db.query<{ userId: string }>(
    `SELECT user_id AS "userId" FROM user_sites WHERE site_id = $1 AND role = 'admin' ORDER BY user_id FOR UPDATE`,
    [siteId]
  );
  return rows.map((row) => row.userId);
}
