import type { Queryable } from '../db/database';

export interface UserRow {
  id: string;
  authSubject: string;
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

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1) ORDER BY created_at LIMIT 1`,
    [email]
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

export async function touchLastLogin(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE users SET last_login = now() WHERE id = $1', [id]);
}
