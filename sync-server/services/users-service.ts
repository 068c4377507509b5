import type { FastifyBaseLogger } from 'fastify';
import { emailKey, uuidv7 } from '../../src/lib/domain';
import type { VerifiedIdentity } from '../auth/token-verifier';
import type { Database } from '../db/database';
import { findUserBySubject, touchLastLogin, upsertUserBySubject, type UserRow } from '../repositories/users-repository';
import { bindPendingGrants } from './pending-grants';

// last_login is a sign-in time, not an access log: writing it once per interval per user keeps
// every API request from being a database write.
const LAST_LOGIN_INTERVAL_MS = 5 * 60 * 1000;
// A user's row changes only when their token says something new about them, so it can be reused
// briefly; site access is never cached (see site-access.ts).
const USER_CACHE_MS = 60 * 1000;
const USER_CACHE_SIZE = 10_000;
const UNIQUE_VIOLATION = '23505';

export interface UsersService {
  /**
   * The user a verified token speaks for, created on first sight of its subject. Invitations and
   * administrator grants waiting for their verified address are bound on the way.
   */
  resolve(identity: VerifiedIdentity): Promise<UserRow>;
}

export function createUsersService(db: Database, log?: Pick<FastifyBaseLogger, 'warn'>): UsersService {
  const lastStamped = new Map<string, number>();
  const recent = new Map<string, { user: UserRow; at: number }>();
  // Addresses a token claimed that another account already holds, by subject: not retried each request.
  const refusedEmail = new Map<string, string>();

  function remember(subject: string, user: UserRow, now: number): void {
    if (recent.size >= USER_CACHE_SIZE) recent.delete(recent.keys().next().value as string);
    recent.set(subject, { user, at: now });
  }

  function changed(user: UserRow, identity: VerifiedIdentity): boolean {
    const newEmail = identity.email !== null && identity.email !== user.email && identity.email !== refusedEmail.get(identity.subject);
    return newEmail || (identity.name !== null && identity.name !== user.name);
  }

  // users.email is unique ignoring case (0009): a token whose address another account holds keeps
  // this account's old address rather than failing the sign-in; the operator sees the warning.
  async function upsert(identity: VerifiedIdentity, existing: UserRow | undefined): Promise<UserRow> {
    const name = identity.name ?? existing?.name ?? identity.email ?? identity.subject;
    const email = identity.email !== refusedEmail.get(identity.subject) ? identity.email : null;
    const fields = { newId: uuidv7(), authSubject: identity.subject, name };
    try {
      return await upsertUserBySubject(db, { ...fields, email: email ?? existing?.email ?? '' });
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION || email === null) throw error;
      refusedEmail.set(identity.subject, email);
      log?.warn({ subject: identity.subject }, 'another account already uses the email address this sign-in claims; the account keeps its old address');
      return upsertUserBySubject(db, { ...fields, email: existing?.email ?? '' });
    }
  }

  return {
    async resolve(identity) {
      const now = Date.now();
      const hit = recent.get(identity.subject);
      const cached = hit && now - hit.at < USER_CACHE_MS ? hit.user : undefined;
      const existing = cached ?? (await findUserBySubject(db, identity.subject));
      if (existing && !changed(existing, identity)) {
        if (!cached) {
          remember(identity.subject, existing, now);
          // Read from the database at most once a minute per user: the cheap moment to look for
          // something that waits for them (an invitation made while they were signed in already).
          await bindIfVerified(existing, identity);
        }
        if (now - (lastStamped.get(existing.id) ?? 0) > LAST_LOGIN_INTERVAL_MS) {
          await touchLastLogin(db, existing.id);
          lastStamped.set(existing.id, now);
        }
        return existing;
      }
      const user = await upsert(identity, existing);
      lastStamped.set(user.id, now);
      remember(identity.subject, user, now);
      await bindIfVerified(user, identity);
      return user;
    }
  };

  async function bindIfVerified(user: UserRow, identity: VerifiedIdentity): Promise<void> {
    // Only an address the provider verified, and that this account holds: an unverified claim
    // would let anyone type an invitee's address and take their place.
    if (!identity.emailVerified || identity.email === null || user.email === '') return;
    if (emailKey(identity.email) !== emailKey(user.email)) return;
    await bindPendingGrants(db, user);
  }
}
