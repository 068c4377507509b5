import type { Role } from '../../src/lib/domain';
import type { Queryable } from '../db/database';

/** What a site's types are, for validating a record's type (see typesAllowedFor). */
export interface SiteTypesRow {
  interactionTypes: string[];
  retiredInteractionTypes: string[];
}

export interface SiteRow extends SiteTypesRow {
  id: string;
  name: string;
  description: string | null;
  timeZone: string;
  archivedAt: string | null;
  createdAt: string;
}

export interface SiteAdmin {
  userId: string;
  email: string;
  name: string;
}

/** A site as its administrators see it. */
export interface ManagedSiteRow extends SiteRow {
  admins: SiteAdmin[];
  memberCount: number;
  /** The caller's role there; null when they manage it as organisation administrator only. */
  role: Role | null;
}

const SITE_COLUMNS = `s.id, s.name, s.description, s.time_zone AS "timeZone",
  s.interaction_types AS "interactionTypes", s.retired_interaction_types AS "retiredInteractionTypes",
  to_char(s.archived_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "archivedAt",
  to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** The interaction types a site allows and has retired, or undefined when there is no such live site. */
export async function findSiteTypes(db: Queryable, siteId: string): Promise<SiteTypesRow | undefined> {
  const { rows } = await db.query<SiteTypesRow>(
    `SELECT interaction_types AS "interactionTypes", retired_interaction_types AS "retiredInteractionTypes"
       FROM sites WHERE id = $1 AND archived_at IS NULL`,
    [siteId]
  );
  return rows[0];
}

/** The site, archived or not; `forUpdate` locks its row until the transaction ends. */
export async function findSite(db: Queryable, siteId: string, { forUpdate = false } = {}): Promise<SiteRow | undefined> {
  const { rows } = await db.query<SiteRow>(
    `SELECT ${SITE_COLUMNS} FROM sites s WHERE s.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [siteId]
  );
  return rows[0];
}

export interface NewSite {
  id: string;
  name: string;
  description: string | null;
  timeZone: string;
  interactionTypes: string[];
}

export interface SiteInsert extends NewSite {
  /** When the site was made; now unless given. A seed gives it, so a re-seed writes the same rows. */
  createdAt?: string;
}

export async function insertSite(db: Queryable, site: SiteInsert): Promise<void> {
  await db.query(
    `INSERT INTO sites (id, name, description, time_zone, interaction_types, created_at)
     VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()))`,
    [site.id, site.name, site.description, site.timeZone, site.interactionTypes, site.createdAt ?? null]
  );
}

export type SiteChanges = Partial<Omit<NewSite, 'id'> & { retiredInteractionTypes: string[] }>;

const CHANGE_COLUMNS: Record<keyof SiteChanges, string> = {
  name: 'name',
  description: 'description',
  timeZone: 'time_zone',
  interactionTypes: 'interaction_types',
  retiredInteractionTypes: 'retired_interaction_types'
};

export async function updateSite(db: Queryable, siteId: string, changes: SiteChanges): Promise<void> {
  const names = (Object.keys(changes) as (keyof SiteChanges)[]).filter((name) => changes[name] !== undefined);
  if (names.length === 0) return;
  const sets = names.map((name, index) => `${CHANGE_COLUMNS[name]} = $${index + 2}`);
  await db.query(`UPDATE sites SET ${sets.join(', ')} WHERE id = $1`, [siteId, ...names.map((name) => changes[name])]);
}

/** Archives (a time) or restores (null) the site; a trigger tells its members' open streams (0009). */
export async function setSiteArchived(db: Queryable, siteId: string, archived: boolean): Promise<void> {
  await db.query(`UPDATE sites SET archived_at = ${archived ? 'now()' : 'NULL'} WHERE id = $1`, [siteId]);
}

/**
 * Sites with their admins, member count and the caller's (`userId`) role: every site, or with
 * `adminOnly` those where the caller is admin; `siteId` narrows to one.
 */
export async function listManagedSites(
  db: Queryable,
  query: { userId: string; adminOnly: boolean; siteId?: string }
): Promise<ManagedSiteRow[]> {
  const conditions = [
    ...(query.adminOnly ? [`EXISTS (SELECT 1 FROM user_sites a WHERE a.site_id = s.id AND a.user_id = $1 AND a.role = 'admin')`] : []),
    ...(query.siteId ? ['s.id = $2'] : [])
  ];
  const { rows } = await db.query<ManagedSiteRow>(
    `SELECT ${SITE_COLUMNS},
            (SELECT role FROM user_sites me WHERE me.site_id = s.id AND me.user_id = $1) AS role,
            (SELECT count(*)::int FROM user_sites m WHERE m.site_id = s.id) AS "memberCount",
            coalesce((SELECT json_agg(json_build_object('userId', u.id, 'email', u.email, 'name', u.name) ORDER BY u.name, u.id)
                        FROM user_sites a JOIN users u ON u.id = a.user_id
                       WHERE a.site_id = s.id AND a.role = 'admin'), '[]'::json) AS admins
       FROM sites s
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY s.archived_at IS NOT NULL, s.name, s.id`,
    query.siteId ? [query.userId, query.siteId] : [query.userId]
  );
  return rows;
}
