import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery, EmailField, GrantOutcome, ManagedSite, OrgAdministrators } from './admin-schemas';
import { Uuid } from './schemas';

/** Organisation administration: every site, the whole audit log, and the administrators themselves. */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/admin/sites', { schema: { response: { 200: Type.Array(ManagedSite) } } }, (request) =>
    app.sites.listAll(request.actor)
  );

  app.get('/api/admin/audit', { schema: { querystring: AuditQuery, response: { 200: AuditPage } } }, (request) =>
    app.audit.listAll(request.actor, request.query)
  );

  app.get(
    '/api/sites/:siteId/audit',
    { schema: { params: Type.Object({ siteId: Uuid('Site') }), querystring: AuditQuery, response: { 200: AuditPage } } },
    (request) => app.audit.listSite(request.actor, request.params.siteId, request.query)
  );

  app.get('/api/admin/administrators', { schema: { response: { 200: OrgAdministrators } } }, (request) =>
    app.orgAdmins.list(request.actor)
  );

  app.put(
    '/api/admin/administrators',
    {
      schema: {
        body: Type.Object({ email: EmailField }, { additionalProperties: false }),
        response: { 200: GrantOutcome }
      }
    },
    (request) => app.orgAdmins.grant(request.actor, request.body.email)
  );

  app.delete(
    '/api/admin/administrators/:userId',
    { schema: { params: Type.Object({ userId: Uuid('User') }) } },
    async (request, reply) => {
      await app.orgAdmins.revoke(request.actor, request.params.userId);
      return reply.status(204).send();
    }
  );
};

export default adminRoutes;
