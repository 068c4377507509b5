import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SiteSettingsSchema } from '../../src/lib/domain';
import { ManagedSite } from './admin-schemas';
import { Uuid } from './schemas';

const SiteParams = Type.Object({ siteId: Uuid('Site') });
// The shape is checked here; the rules (time zone names, duplicate types) by the service with the
// domain's validateSiteSettings, so the form and the server give the same field errors.
const SiteChange = Type.Partial(SiteSettingsSchema, { additionalProperties: false });
const NewSite = Type.Object(
  { ...SiteSettingsSchema.properties, description: Type.Optional(SiteSettingsSchema.properties.description) },
  { additionalProperties: false }
);

/** Creating and running sites: organisation administrators, and site admins for their site's types. */
const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/sites/managed', { schema: { response: { 200: Type.Array(ManagedSite) } } }, (request) =>
    app.sites.listManaged(request.actor)
  );

  app.get('/api/sites/:siteId/settings', { schema: { params: SiteParams, response: { 200: ManagedSite } } }, (request) =>
    app.sites.settings(request.actor, request.params.siteId)
  );

  app.post('/api/sites', { schema: { body: NewSite, response: { 201: ManagedSite } } }, async (request, reply) => {
    const site = await app.sites.create(request.actor, request.body);
    return reply.status(201).send(site);
  });

  app.patch('/api/sites/:siteId', { schema: { params: SiteParams, body: SiteChange, response: { 200: ManagedSite } } }, (request) =>
    app.sites.update(request.actor, request.params.siteId, request.body)
  );

  app.post('/api/sites/:siteId/archive', { schema: { params: SiteParams, response: { 200: ManagedSite } } }, (request) =>
    app.sites.setArchived(request.actor, request.params.siteId, true)
  );

  app.post('/api/sites/:siteId/restore', { schema: { params: SiteParams, response: { 200: ManagedSite } } }, (request) =>
    app.sites.setArchived(request.actor, request.params.siteId, false)
  );
};

export default siteRoutes;
