import fp from 'fastify-plugin';
import { adminMessages, fieldMessages, isEmailAddress } from '../../src/lib/domain';
import type { Database } from '../db/database';
import { HttpError } from '../http-errors';
import { insertAudit } from '../repositories/audit-repository';
import { insertOrgAdminInvitation, listOrgAdminInvitations } from '../repositories/invitations-repository';
import {
  findUserByEmail,
  findUserById,
  listOrgAdmins,
  lockOrgAdmins,
  setOrgAdmin,
  type UserSummary
} from '../repositories/users-repository';
import type { Actor } from './actor';
import { requireOrgAdmin } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    orgAdmins: OrgAdminsService;
  }
}

export interface OrgAdministrators {
  administrators: UserSummary[];
  pending: { email: string; createdAt: string }[];
}

export type GrantOutcome = { outcome: 'granted'; administrator: UserSummary } | { outcome: 'pending'; email: string };

/** `actor` null: the command line, which acts without a signed-in administrator. */
export interface OrgAdminsService {
  list(actor: Actor | null): Promise<OrgAdministrators>;
  grant(actor: Actor | null, email: string): Promise<GrantOutcome>;
  revoke(actor: Actor | null, userId: string): Promise<void>;
}

/**
 * Organisation administration: a flag on the user. Granted to an address nobody has signed in with,
 * it waits and is bound at that person's first verified sign-in. At least one administrator remains.
 */
export function createOrgAdminsService(db: Database): OrgAdminsService {
  // The id the audit log names: none for the command line.
  const authorise = async (actor: Actor | null): Promise<string | null> => {
    if (actor === null) return null;
    await requireOrgAdmin(db, actor.userId);
    return actor.userId;
  };

  return {
    async list(actor) {
      await authorise(actor);
      return { administrators: await listOrgAdmins(db), pending: await listOrgAdminInvitations(db) };
    },

    async grant(actor, given) {
      const actorId = await authorise(actor);
      const email = given.trim();
      if (!isEmailAddress(email)) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', [
          { field: 'email', message: fieldMessages.notEmail('Email') }
        ]);
      }
      return db.transaction(async (tx): Promise<GrantOutcome> => {
        const user = await findUserByEmail(tx, email);
        if (!user) {
          if (await insertOrgAdminInvitation(tx, { email, grantedBy: actorId })) {
            await insertAudit(tx, { siteId: null, actorId, action: 'org-admin.granted', subjectEmail: email, details: { pending: true } });
          }
          return { outcome: 'pending', email };
        }
        if (await setOrgAdmin(tx, user.id, true)) {
          await insertAudit(tx, { siteId: null, actorId, action: 'org-admin.granted', subjectUserId: user.id, subjectEmail: user.email });
        }
        return { outcome: 'granted', administrator: { userId: user.id, email: user.email, name: user.name } };
      });
    },

    async revoke(actor, userId) {
      const actorId = await authorise(actor);
      await db.transaction(async (tx) => {
        // Locked: two administrators revoking each other at once would otherwise both see one remain.
        const admins = await lockOrgAdmins(tx);
        if (!admins.includes(userId)) throw new HttpError(404, 'ADMINISTRATOR_NOT_FOUND', 'That user is not an organisation administrator.');
        if (admins.length === 1) throw new HttpError(409, 'LAST_ORG_ADMIN', adminMessages.lastOrgAdmin());
        await setOrgAdmin(tx, userId, false);
        const user = await findUserById(tx, userId);
        await insertAudit(tx, { siteId: null, actorId, action: 'org-admin.revoked', subjectUserId: userId, subjectEmail: user?.email ?? null });
      });
    }
  };
}

export default fp(
  async (app) => {
    app.decorate('orgAdmins', createOrgAdminsService(app.db));
  },
  { name: 'org-admins-service', dependencies: ['db'] }
);
