import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Member } from './admin-schemas';
import { RoleSchema, Uuid } from './schemas';

const SiteParams = Type.Object({ siteId: Uuid('Site') });
const MemberParams = Type.Object({ siteId: Uuid('Site'), userId: Uuid('User') });

/** Granting, changing and revoking site roles: admins of the site and organisation administrators. */
const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sites/:siteId/members',
    { schema: { params: SiteParams, response: { 200: Type.Array(Member) } } },
    (request) => app.members.list(request.actor, request.params.siteId)
  );

  app.put(
    '/api/sites/:siteId/members/:userId',
    {
      schema: {
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: { 200: Member }
      }
    },
    (request) => app.members.grant(request.actor, { ...request.params, role: request.body.role })
  );

  app.delete('/api/sites/:siteId/members/:userId', { schema: { params: MemberParams } }, async (request, reply) => {
    await app.members.revoke(request.actor, request.params);
    return reply.status(204).send();
  });
};

export default memberRoutes;
