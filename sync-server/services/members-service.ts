import fp from 'fastify-plugin';
import type { Role } from '../../src/lib/domain';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import {
  deleteMembership,
  listSiteMembers,
  lockAdmins,
  upsertMembership,
  type SiteMember
} from '../repositories/memberships-repository';
import { findUserById } from '../repositories/users-repository';
import { requireSiteRole } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    members: MembersService;
  }
}

export interface MembersService {
  list(adminId: string, siteId: string): Promise<SiteMember[]>;
  grant(adminId: string, change: { siteId: string; userId: string; role: Role }): Promise<SiteMember>;
  revoke(adminId: string, change: { siteId: string; userId: string }): Promise<void>;
}

/** Site membership, managed by the site's admins. A site always keeps at least one admin. */
export function createMembersService(db: Database): MembersService {
  // In the caller's transaction, which holds the admins' rows until it ends: checked outside one,
  // two admins demoting each other at the same moment would both pass and leave the site with none.
  async function assertAdminRemains(tx: Queryable, { siteId, userId }: { siteId: string; userId: string }): Promise<void> {
    const admins = await lockAdmins(tx, siteId);
    if (admins.length === 1 && admins[0] === userId) {
      throw new HttpError(409, 'LAST_ADMIN', 'A site needs at least one admin; make someone else admin first.');
    }
  }

  return {
    async list(adminId, siteId) {
      await requireSiteRole(db, { userId: adminId, siteId, action: 'manageMembers' });
      return listSiteMembers(db, siteId);
    },

    async grant(adminId, { siteId, userId, role }) {
      await requireSiteRole(db, { userId: adminId, siteId, action: 'manageMembers' });
      const user = await findUserById(db, userId);
      if (!user) throw new HttpError(404, 'USER_NOT_FOUND', 'There is no such user.');
      await db.transaction(async (tx) => {
        if (role !== 'admin') await assertAdminRemains(tx, { siteId, userId });
        await upsertMembership(tx, siteId, userId, role);
      });
      return { userId, email: user.email, name: user.name, role };
    },

    async revoke(adminId, { siteId, userId }) {
      await requireSiteRole(db, { userId: adminId, siteId, action: 'manageMembers' });
      await db.transaction(async (tx) => {
        await assertAdminRemains(tx, { siteId, userId });
        if (!(await deleteMembership(tx, siteId, userId))) {
          throw new HttpError(404, 'MEMBER_NOT_FOUND', 'That user is not a member of this site.');
        }
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
