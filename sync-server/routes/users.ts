import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SiteWithRole } from './schemas';

const Profile = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), orgAdmin: Type.Boolean() });

/** The caller and the sites they belong to. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/users/profile', { schema: { response: { 200: Profile } } }, async (request) => {
    const { id, email, name } = request.user;
    return { id, email, name, orgAdmin: await app.users.isOrgAdmin(request.actor) };
  });

  app.get('/api/users/sites', { schema: { response: { 200: Type.Array(SiteWithRole) } } }, (request) =>
    app.users.sites(request.actor)
  );
  app.get('/api/sites', { schema: { response: { 200: Type.Array(SiteWithRole) } } }, (request) =>
    app.users.sites(request.actor)
  );
};

export default userRoutes;
