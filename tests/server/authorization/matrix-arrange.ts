import type { Role } from '../../../src/lib/domain';
import type { Queryable } from '../../../sync-server/db/database';
import { DEMO_SITES, DEMO_USERS, type DemoSite, type DemoUser } from '../../../sync-server/demo/demo-directory';
import type { ApiFixture } from '../helpers/api-fixture';

/** A word only the per-site records below contain, so a search for it finds one record in every site. */
export const SITE_RECORD_WORD = 'outreach';

/** A valid interaction, as the form would send it. */
export function interactionFields(title: string) {
  return {
    title,
    type: 'Meeting',
    lead: 'Matrix Lead',
    startDatetime: '2026-03-01T09:30:00+00:00',
    endDatetime: '2026-03-01T10:30:00+00:00',
    timezone: 'Europe/London',
    description: 'Checked by the authorization matrix.'
  };
}

/** One live record in every site, so "only the caller's sites" has something to leave out. */
export async function createSiteRecords(api: ApiFixture): Promise<void> {
  for (const site of DEMO_SITES) {
    await createRecord(api, { owner: otherAuthor(site), site, title: `Quarterly ${SITE_RECORD_WORD} review` });
  }
}

/**
 * A fresh record created by `owner` through the service. An owner who may not create there now
 * (a viewer, or someone no longer in the site) is given the user role for the creation only: the
 * record stands for one they made before their role changed.
 */
export async function createRecord(
  api: ApiFixture,
  options: { owner: DemoUser; site: DemoSite; title?: string }
): Promise<string> {
  const { owner, site } = options;
  const role = directoryRole(owner, site);
  const create = () =>
    api.app.interactions.create(
      { userId: owner.id },
      { siteId: site.id, fields: interactionFields(options.title ?? 'Authorization probe') }
    );
  if (role === 'admin' || role === 'user') return (await create()).record.id;

  await setMembership(api.db, { user: owner, site, role: 'user' });
  try {
    return (await create()).record.id;
  } finally {
    await setMembership(api.db, { user: owner, site, role });
  }
}

/** The first member of the site, other than `except`, who may create records there. */
export function otherAuthor(site: DemoSite, except?: DemoUser): DemoUser {
  return firstMember(site, except, (role) => role !== 'viewer');
}

/** The first member of the site, other than `except`, who is not an admin: one whose role an admin may change. */
export function otherMember(site: DemoSite, except?: DemoUser): DemoUser {
  return firstMember(site, except, (role) => role !== 'admin');
}

function firstMember(site: DemoSite, except: DemoUser | undefined, fits: (role: Role) => boolean): DemoUser {
  const found = DEMO_USERS.find((user) => {
    const role = directoryRole(user, site);
    return user.id !== except?.id && role !== undefined && fits(role);
  });
  if (!found) throw new Error(`no suitable member of ${site.name}`);
  return found;
}

/** The user's role in a site according to the seeded directory, or undefined when not a member. */
export function directoryRole(user: DemoUser, site: DemoSite): Role | undefined {
  return user.memberships.find((membership) => membership.siteId === site.id)?.role;
}

/** Sets or (role undefined) removes one membership, straight in user_sites. */
export async function setMembership(
  db: Queryable,
  change: { user: DemoUser; site: DemoSite; role: Role | undefined }
): Promise<void> {
  if (change.role === undefined) {
    await db.query('DELETE FROM user_sites WHERE user_id = $1 AND site_id = $2', [change.user.id, change.site.id]);
    return;
  }
  await db.query(
    `INSERT INTO user_sites (user_id, site_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (site_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [change.user.id, change.site.id, change.role]
  );
}

/** Puts user_sites back to the seeded directory, undoing whatever a test granted or revoked. */
export async function restoreDirectoryMemberships(api: ApiFixture): Promise<void> {
  await api.db.transaction(async (tx) => {
    await tx.query('DELETE FROM user_sites');
    for (const user of DEMO_USERS) {
      for (const { siteId, role } of user.memberships) {
        await tx.query('INSERT INTO user_sites (user_id, site_id, role) VALUES ($1, $2, $3)', [user.id, siteId, role]);
      }
    }
  });
}

/** The role user_sites holds now, or undefined when there is no membership. */
export async function storedRole(db: Queryable, user: DemoUser, site: DemoSite): Promise<Role | undefined> {
  const { rows } = await db.query<{ role: Role }>('SELECT role FROM user_sites WHERE user_id = $1 AND site_id = $2', [
    user.id,
    site.id
  ]);
  return rows[0]?.role;
}

export interface StoredRow {
  siteId: string;
  createdBy: string;
  notes: string | null;
  deleted: boolean;
}

/** The record as stored, or undefined when there is none. */
export async function storedRecord(db: Queryable, id: string): Promise<StoredRow | undefined> {
  const { rows } = await db.query<StoredRow>(
    'SELECT site_id AS "siteId", created_by AS "createdBy", notes, deleted FROM interactions WHERE id = $1',
    [id]
  );
  return rows[0];
}

/**
 * The matrix's organisation administrator: no member of any site. Inserted with a fixed id, as the
 * demo users are, so cells can name her; she signs in through the dev issuer like them.
 */
export const MATRIX_ORG_ADMIN: DemoUser = {
  id: '05e40000-0000-4000-8000-0000000000a0',
  email: 'olga@example.org',
  name: 'Olga Admin',
  authSubject: 'dev|olga@example.org',
  memberships: [],
  orgAdmin: true
};

/** Adds Olga and makes her the only organisation administrator (the demo's Ada is a site admin here). */
export async function addMatrixOrgAdmin(db: Queryable): Promise<void> {
  const olga = MATRIX_ORG_ADMIN;
  await db.query('INSERT INTO users (id, auth_subject, email, name) VALUES ($1, $2, $3, $4)', [olga.id, olga.authSubject, olga.email, olga.name]);
  await restoreOrgAdmins(db);
}

export async function restoreOrgAdmins(db: Queryable): Promise<void> {
  await db.query('UPDATE users SET org_admin = (id = $1)', [MATRIX_ORG_ADMIN.id]);
  await db.query('DELETE FROM org_admin_invitations');
}

/** Puts the demo sites' settings back and drops invitations, undoing what administration cells changed. */
export async function restoreDirectorySites(db: Queryable): Promise<void> {
  for (const site of DEMO_SITES) {
    await db.query(
      `UPDATE sites SET name = $2, description = $3, time_zone = $4, archived_at = NULL, retired_interaction_types = '{}',
              interaction_types = ARRAY['Meeting', 'Call', 'Email', 'Site visit', 'Workshop', 'Other']::varchar(50)[]
        WHERE id = $1`,
      [site.id, site.name, site.description, site.homeTimeZone]
    );
  }
  await db.query('DELETE FROM site_invitations');
}
