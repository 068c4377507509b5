import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EmailField, Invitation, Member } from './admin-schemas';
import { RoleSchema, Uuid } from './schemas';

const SiteParams = Type.Object({ siteId: Uuid('Site') });
const InvitationParams = Type.Object({ siteId: Uuid('Site'), invitationId: Uuid('Invitation') });
const InvitationBody = Type.Object({ email: EmailField, role: RoleSchema }, { additionalProperties: false });
const InvitationOutcome = Type.Union([
  Type.Object({ outcome: Type.Literal('invited'), invitation: Invitation }),
  Type.Object({ outcome: Type.Literal('added'), member: Member })
]);

/** Inviting people by email: admins of the site and organisation administrators. */
const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/sites/:siteId/invitations',
    { schema: { params: SiteParams, body: InvitationBody, response: { 201: InvitationOutcome } } },
    async (request, reply) => {
      const outcome = await app.members.invite(request.actor, { siteId: request.params.siteId, ...request.body });
      return reply.status(201).send(outcome);
    }
  );

  app.get('/api/sites/:siteId/invitations', { schema: { params: SiteParams, response: { 200: Type.Array(Invitation) } } }, (request) =>
    app.members.listInvitations(request.actor, request.params.siteId)
  );

  app.delete('/api/sites/:siteId/invitations/:invitationId', { schema: { params: InvitationParams } }, async (request, reply) => {
    await app.members.cancelInvitation(request.actor, request.params);
    return reply.status(204).send();
  });
};

export default invitationRoutes;
