import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { emailKey, uuidv7, type Role, type Site } from '../../src/lib/domain';
import type { VerifiedIdentity } from '../auth/token-verifier';
import type { Database } from '../db/database';
import { listMembershipsOfUser } from '../repositories/memberships-repository';
import {
  findUserByEmail,
  findUserBySubject,
  isOrgAdmin,
  touchLastLogin,
  upsertUserBySubject,
  type UserRow
} from '../repositories/users-repository';
import type { Actor } from './actor';
import { bindPendingGrants } from './pending-grants';

declare module 'fastify' {
  interface FastifyInstance {
    users: UsersService;
  }
}

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
  /** Read afresh, not from the briefly cached user: a grant or revoke shows at the next refresh. */
  isOrgAdmin(actor: Actor): Promise<boolean>;
  /** The sites the caller belongs to, each with their role there. */
  sites(actor: Actor): Promise<SiteWithRole[]>;
  /** The account that holds an address (ignoring case), if anyone has signed in with it. */
  findByEmail(email: string): Promise<UserRow | undefined>;
}

export type SiteWithRole = Required<Site> & { role: Role };

export function createUsersService(db: Database, log?: Pick<FastifyBaseLogger, 'warn'>): UsersService {
  // Users whose last_login was written within the interval, by id.
  const stamped = new LRUCache<string, true>({ max: USER_CACHE_SIZE, ttl: LAST_LOGIN_INTERVAL_MS });
  const recent = new LRUCache<string, UserRow>({ max: USER_CACHE_SIZE, ttl: USER_CACHE_MS });
  // Addresses a token claimed that another account already holds, by subject: not retried each request.
  const refusedEmail = new LRUCache<string, string>({ max: USER_CACHE_SIZE });

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
      const cached = recent.get(identity.subject);
      const existing = cached ?? (await findUserBySubject(db, identity.subject));
      if (existing && !changed(existing, identity)) {
        if (!cached) {
          recent.set(identity.subject, existing);
          // Read from the database at most once a minute per user: the cheap moment to look for
          // something that waits for them (an invitation made while they were signed in already).
          await bindIfVerified(existing, identity);
        }
        if (!stamped.has(existing.id)) {
          await touchLastLogin(db, existing.id);
          stamped.set(existing.id, true);
        }
        return existing;
      }
      const user = await upsert(identity, existing);
      stamped.set(user.id, true);
      recent.set(identity.subject, user);
      await bindIfVerified(user, identity);
      return user;
    },

    isOrgAdmin: ({ userId }) => isOrgAdmin(db, userId),

    async sites({ userId }) {
      return (await listMembershipsOfUser(db, userId)).map(({ site, role }) => ({ ...site, role }));
    },

    findByEmail: (email) => findUserByEmail(db, email)
  };

  async function bindIfVerified(user: UserRow, identity: VerifiedIdentity): Promise<void> {
    // Only an address the provider verified, and that this account holds: an unverified claim
    // would let anyone type an invitee's address and take their place.
    if (!identity.emailVerified || identity.email === null || user.email === '') return;
    if (emailKey(identity.email) !== emailKey(user.email)) return;
    await bindPendingGrants(db, user);
  }
}

export default fp(
  async (app) => {
    app.decorate('users', createUsersService(app.db, app.log));
  },
  { name: 'users-service', dependencies: ['db'] }
);
