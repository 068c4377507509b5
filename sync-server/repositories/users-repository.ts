import type { Queryable } from '../db/database';

export interface UserRow {
  id: string;
  authSubject: string;
  email: string;
  name: string;
}

/** A user as administration lists them. */
export interface UserSummary {
  userId: string;
  email: string;
  name: string;
}

const USER_COLUMNS = 'id, auth_subject AS "authSubject", email, name';

/**
 * Creates the user on first sight of a token subject, or refreshes what the token says of them,
 * and stamps the sign-in time.
 */
export async function upsertUserBySubject(
  db: Queryable,
  user: Omit<UserRow, 'id'> & { newId: string }
): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, auth_subject, email, name, last_login)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (auth_subject) DO UPDATE
       SET email = EXCLUDED.email, name = EXCLUDED.name, last_login = now()
     RETURNING ${USER_COLUMNS}`,
    [user.newId, user.authSubject, user.email, user.name]
  );
  return rows[0];
}

export async function findUserBySubject(db: Queryable, authSubject: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE auth_subject = $1`, [
    authSubject
  ]);
  return rows[0];
}

/** The one account with this address, compared ignoring case (users.email is unique so, 0009). */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  if (email.trim() === '') return undefined;
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1) AND email <> ''`, [
    email.trim()
  ]);
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

export async function touchLastLogin(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET last_login = now() WHERE id = $1', [id]);
}

/** Read on every call, never cached: a revoked administrator loses the right at the next request. */
export async function isOrgAdmin(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query<{ orgAdmin: boolean }>('SELECT org_admin AS "orgAdmin" FROM users WHERE id = $1', [userId]);
  return rows[0]?.orgAdmin ?? false;
}

export async function setOrgAdmin(db: Queryable, userId: string, orgAdmin: boolean): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET org_admin = $2 WHERE id = $1 AND org_admin <> $2', [userId, orgAdmin]);
  return rowCount > 0;
}

/**
 * The organisation administrators, their rows locked until the transaction ends, so two revokes at
 * once cannot both see another administrator remaining.
 */
export async function lockOrgAdmins(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE org_admin ORDER BY id FOR UPDATE');
  return rows.map((row) => row.id);
}

export async function listOrgAdmins(db: Queryable): Promise<UserSummary[]> {
  const { rows } = await db.query<UserSummary>(
    'SELECT id AS "userId", email, name FROM users WHERE org_admin ORDER BY name, id'
  );
  return rows;
}
