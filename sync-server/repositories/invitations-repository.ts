import type { Role } from '../../src/lib/domain';
import type { Queryable } from '../db/database';

export interface InvitationRow {
  id: string;
  siteId: string;
  email: string;
  role: Role;
  invitedBy: { userId: string; name: string };
  createdAt: string;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const INVITATION_SELECT = `
  SELECT i.id, i.site_id AS "siteId", i.email, i.role,
         json_build_object('userId', u.id, 'name', u.name) AS "invitedBy", ${ISO('i.created_at')} AS "createdAt"
    FROM site_invitations i JOIN users u ON u.id = i.invited_by`;

export async function insertInvitation(
  db: Queryable,
  invitation: { id: string; siteId: string; email: string; role: Role; invitedBy: string }
): Promise<InvitationRow | undefined> {
  // ON CONFLICT: a concurrent invitation of the same address wins; the caller reports ALREADY_INVITED.
  const { rowCount } = await db.query(
    `INSERT INTO site_invitations (id, site_id, email, role, invited_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [invitation.id, invitation.siteId, invitation.email, invitation.role, invitation.invitedBy]
  );
  if (rowCount === 0) return undefined;
  const { rows } = await db.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.id = $1`, [invitation.id]);
  return rows[0];
}

export async function listSiteInvitations(db: Queryable, siteId: string): Promise<InvitationRow[]> {
  const { rows } = await db.query<InvitationRow>(`${INVITATION_SELECT} WHERE i.site_id = $1 ORDER BY i.created_at, i.id`, [siteId]);
  return rows;
}

/** Deletes one invitation of the site and returns it, or undefined when there was none. */
export async function deleteInvitation(db: Queryable, siteId: string, id: string): Promise<{ email: string; role: Role } | undefined> {
  const { rows } = await db.query<{ email: string; role: Role }>(
    'DELETE FROM site_invitations WHERE site_id = $1 AND id = $2 RETURNING email, role',
    [siteId, id]
  );
  return rows[0];
}

/** Takes every site invitation for the address: deleted here, for the caller to turn into memberships. */
export async function takeInvitationsFor(db: Queryable, email: string): Promise<{ siteId: string; role: Role; email: string }[]> {
  const { rows } = await db.query<{ siteId: string; role: Role; email: string }>(
    'DELETE FROM site_invitations WHERE lower(email) = lower($1) RETURNING site_id AS "siteId", role, email',
    [email]
  );
  return rows;
}

/** Whether anything waits for the address: one cheap look-up on the indexes, made at sign-in. */
export async function hasPendingFor(db: Queryable, email: string): Promise<boolean> {
  const { rows } = await db.query<{ pending: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM site_invitations WHERE lower(email) = lower($1))
         OR EXISTS (SELECT 1 FROM org_admin_invitations WHERE lower(email) = lower($1)) AS pending`,
    [email]
  );
  return rows[0].pending;
}

export async function insertOrgAdminInvitation(db: Queryable, grant: { email: string; grantedBy: string | null }): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO org_admin_invitations (email, granted_by) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [grant.email, grant.grantedBy]
  );
  return rowCount > 0;
}

export async function listOrgAdminInvitations(db: Queryable): Promise<{ email: string; createdAt: string }[]> {
  const { rows } = await db.query<{ email: string; createdAt: string }>(
    `SELECT email, ${ISO('created_at')} AS "createdAt" FROM org_admin_invitations ORDER BY created_at, email`
  );
  return rows;
}

/** Deletes the pending grant for the address; true when there was one. */
export async function takeOrgAdminInvitation(db: Queryable, email: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM org_admin_invitations WHERE lower(email) = lower($1)', [email]);
  return rowCount > 0;
}
