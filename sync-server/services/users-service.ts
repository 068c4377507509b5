import { uuidv7 } from '../../src/lib/domain';
import type { VerifiedIdentity } from '../auth/token-verifier';
import type { Database } from '../db/database';
import { findUserBySubject, touchLastLogin, upsertUserBySubject, type UserRow } from '../repositories/users-repository';

// last_login is a sign-in time, not an access log: writing it once per interval per user keeps
// every API request from being a database write.
const LAST_LOGIN_INTERVAL_MS = 5 * 60 * 1000;
// A user's row changes only when their token says something new about them, so it can be reused
// briefly; site access is never cached (see site-access.ts).
const USER_CACHE_MS = 60 * 1000;
const USER_CACHE_SIZE = 10_000;

export interface UsersService {
  /** The user a verified token speaks for, created on first sight of its subject. */
  resolve(identity: VerifiedIdentity): Promise<UserRow>;
}

export function createUsersService(db: Database): UsersService {
  const lastStamped = new Map<string, number>();
  const recent = new Map<string, { user: UserRow; at: number }>();

  async function lookUp(subject: string, now: number): Promise<UserRow | undefined> {
    const hit = recent.get(subject);
    if (hit && now - hit.at < USER_CACHE_MS) return hit.user;
    const user = await findUserBySubject(db, subject);
    if (recent.size >= USER_CACHE_SIZE) recent.delete(recent.keys().next().value as string);
    if (user) recent.set(subject, { user, at: now });
    return user;
  }

  return {
    async resolve(identity) {
      const now = Date.now();
      const existing = await lookUp(identity.subject, now);
      if (existing && !changed(existing, identity)) {
        if (now - (lastStamped.get(existing.id) ?? 0) > LAST_LOGIN_INTERVAL_MS) {
          await touchLastLogin(db, existing.id);
          lastStamped.set(existing.id, now);
        }
        return existing;
      }
      const user = await upsertUserBySubject(db, {
        newId: uuidv7(),
        authSubject: identity.subject,
        email: identity.email ?? existing?.email ?? '',
        name: identity.name ?? existing?.name ?? identity.email ?? identity.subject
      });
      lastStamped.set(user.id, now);
      recent.set(identity.subject, { user, at: now });
      return user;
    }
  };
}

function changed(user: UserRow, identity: VerifiedIdentity): boolean {
  return (identity.email !== null && identity.email !== user.email) || (identity.name !== null && identity.name !== user.name);
}
