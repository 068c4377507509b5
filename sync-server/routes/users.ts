import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listMembershipsOfUser } from '../repositories/memberships-repository';
import { isOrgAdmin } from '../repositories/users-repository';
import { SiteWithRole } from './schemas';

const Profile = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String(), orgAdmin: Type.Boolean() });

/** The caller and the sites they belong to. */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/users/profile', { schema: { response: { 200: Profile } } }, async (request) => {
    const { id, email, name } = request.user;
    // Read afresh, not from the briefly cached user: a grant or revoke shows at the next refresh.
    return { id, email, name, orgAdmin: await isOrgAdmin(app.db, id) };
  });

  const mySites = async (userId: string) =>
    (await listMembershipsOfUser(app.db, userId)).map(({ site, role }) => ({ ...site, role }));

  app.get('/api/users/sites', { schema: { response: { 200: Type.Array(SiteWithRole) } } }, (request) =>
    mySites(request.user.id)
  );
  app.get('/api/sites', { schema: { response: { 200: Type.Array(SiteWithRole) } } }, (request) =>
    mySites(request.user.id)
  );
};

export default userRoutes;
