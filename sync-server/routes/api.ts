import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import adminRoutes from './admin';
import interactionRoutes from './interactions';
import invitationRoutes from './invitations';
import memberRoutes from './members';
import searchRoutes from './search';
import siteRoutes from './sites';
import syncRoutes from './sync';
import userRoutes from './users';

/** Every route in here needs a verified caller; the hook makes it impossible to forget one. */
const authenticatedApi: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.authenticate);
  app.addHook('preHandler', async (request, reply) => {
    const siteId = siteNamedBy(request);
    // Both loggers, as in the auth plugin: Fastify's closing line goes through reply.log.
    if (siteId) request.log = reply.log = request.log.child({ siteId });
  });
  await app.register(userRoutes);
  await app.register(memberRoutes);
  await app.register(siteRoutes);
  await app.register(invitationRoutes);
  await app.register(adminRoutes);
  await app.register(interactionRoutes);
  await app.register(searchRoutes);
  await app.register(syncRoutes);
};

/** The site a request names in its path, query or body, for the logs; records found by id name none. */
function siteNamedBy(request: FastifyRequest): string | undefined {
  for (const part of [request.params, request.query, request.body]) {
    const siteId = (part as { siteId?: unknown } | undefined)?.siteId;
    if (typeof siteId === 'string') return siteId;
  }
  return undefined;
}

export default authenticatedApi;
