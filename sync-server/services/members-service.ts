import fp from 'fastify-plugin';
import { adminMessages, fieldMessages, isEmailAddress, uuidv7, type Role } from '../../src/lib/domain';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import { insertAudit } from '../repositories/audit-repository';
import {
  deleteInvitation,
  insertInvitation,
  listSiteInvitations,
  type InvitationRow
} from '../repositories/invitations-repository';
import {
  deleteMembership,
  findRoleInSite,
  listSiteMembers,
  lockAdmins,
  upsertMembership,
  type SiteMember
} from '../repositories/memberships-repository';
import { findUserByEmail, findUserById } from '../repositories/users-repository';
import type { Actor } from './actor';
import { requireSiteAdministration } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    members: MembersService;
  }
}

export type InvitationOutcome = { outcome: 'invited'; invitation: InvitationRow } | { outcome: 'added'; member: SiteMember };

export interface MembersService {
  list(actor: Actor, siteId: string): Promise<SiteMember[]>;
  grant(actor: Actor, change: { siteId: string; userId: string; role: Role }): Promise<SiteMember>;
  revoke(actor: Actor, change: { siteId: string; userId: string }): Promise<void>;
  invite(actor: Actor, invitation: { siteId: string; email: string; role: Role }): Promise<InvitationOutcome>;
  listInvitations(actor: Actor, siteId: string): Promise<InvitationRow[]>;
  cancelInvitation(actor: Actor, change: { siteId: string; invitationId: string }): Promise<void>;
}

/**
 * Site membership and invitations, managed by the site's admins and the organisation's
 * administrators. A site always keeps at least one admin; every change is written to the audit log
 * in the same transaction, so the log never tells of a change that did not happen.
 */
export function createMembersService(db: Database): MembersService {
  // In the caller's transaction, which holds the admins' rows until it ends: checked outside one,
  // two admins demoting each other at the same moment would both pass and leave the site with none.
  async function assertAdminRemains(tx: Queryable, { siteId, userId }: { siteId: string; userId: string }): Promise<void> {
    const admins = await lockAdmins(tx, siteId);
    if (admins.length === 1 && admins[0] === userId) {
      throw new HttpError(409, 'LAST_ADMIN', adminMessages.lastAdmin());
    }
  }

  const manage = ({ userId }: Actor, siteId: string) => requireSiteAdministration(db, { userId, siteId, action: 'manageMembers' });

  return {
    async list(actor, siteId) {
      await manage(actor, siteId);
      return listSiteMembers(db, siteId);
    },

    async grant(actor, { siteId, userId, role }) {
      await manage(actor, siteId);
      const user = await findUserById(db, userId);
      if (!user) throw new HttpError(404, 'USER_NOT_FOUND', 'There is no such user.');
      await db.transaction(async (tx) => {
        if (role !== 'admin') await assertAdminRemains(tx, { siteId, userId });
        const before = await findRoleInSite(tx, userId, siteId);
        if (before === role) return;
        await upsertMembership(tx, siteId, userId, role);
        await insertAudit(tx, {
          siteId,
          actorId: actor.userId,
          action: before ? 'member.role-changed' : 'member.added',
          subjectUserId: userId,
          subjectEmail: user.email,
          details: before ? { from: before, to: role } : { role }
        });
      });
      return { userId, email: user.email, name: user.name, role };
    },

    async revoke(actor, { siteId, userId }) {
      await manage(actor, siteId);
      await db.transaction(async (tx) => {
        await assertAdminRemains(tx, { siteId, userId });
        const before = await findRoleInSite(tx, userId, siteId);
        if (!before || !(await deleteMembership(tx, siteId, userId))) {
          throw new HttpError(404, 'MEMBER_NOT_FOUND', 'That user is not a member of this site.');
        }
        const user = await findUserById(tx, userId);
        await insertAudit(tx, {
          siteId,
          actorId: actor.userId,
          action: 'member.removed',
          subjectUserId: userId,
          subjectEmail: user?.email ?? null,
          details: { role: before }
        });
      });
    },

    async invite(actor, { siteId, email: given, role }) {
      await manage(actor, siteId);
      const email = given.trim();
      if (!isEmailAddress(email)) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', [
          { field: 'email', message: fieldMessages.notEmail('Email') }
        ]);
      }
      return db.transaction(async (tx): Promise<InvitationOutcome> => {
        // Someone who already has an account needs no invitation: they are a member from now on.
        const user = await findUserByEmail(tx, email);
        if (user) {
          if (await findRoleInSite(tx, user.id, siteId)) throw new HttpError(409, 'ALREADY_MEMBER', adminMessages.alreadyMember(email));
          await upsertMembership(tx, siteId, user.id, role);
          await insertAudit(tx, {
            siteId,
            actorId: actor.userId,
            action: 'member.added',
            subjectUserId: user.id,
            subjectEmail: user.email,
            details: { role, invited: true }
          });
          return { outcome: 'added', member: { userId: user.id, email: user.email, name: user.name, role } };
        }
        const invitation = await insertInvitation(tx, { id: uuidv7(), siteId, email, role, invitedBy: actor.userId });
        if (!invitation) throw new HttpError(409, 'ALREADY_INVITED', adminMessages.alreadyInvited(email));
        await insertAudit(tx, { siteId, actorId: actor.userId, action: 'invitation.created', subjectEmail: invitation.email, details: { role } });
        return { outcome: 'invited', invitation };
      });
    },

    async listInvitations(actor, siteId) {
      await manage(actor, siteId);
      return listSiteInvitations(db, siteId);
    },

    async cancelInvitation(actor, { siteId, invitationId }) {
      await manage(actor, siteId);
      await db.transaction(async (tx) => {
        const cancelled = await deleteInvitation(tx, siteId, invitationId);
        if (!cancelled) throw new HttpError(404, 'INVITATION_NOT_FOUND', 'There is no such invitation.');
        await insertAudit(tx, {
          siteId,
          actorId: actor.userId,
          action: 'invitation.cancelled',
          subjectEmail: cancelled.email,
          details: { role: cancelled.role }
        });
      });
    }
  };
}

export default fp(
  async (app) => {
    app.decorate('members', createMembersService(app.db));
  },
  { name: 'members-service', dependencies: ['db'] }
);
