import fp from 'fastify-plugin';
import { SiteStreams } from './site-streams';

declare module 'fastify' {
  interface FastifyInstance {
    siteStreams: SiteStreams;
  }
}

/** The process's live feed of committed changes, listening from boot until close. */
export default fp(
  async (app) => {
    const feed = new SiteStreams(app.db, app.log);
    await feed.start();
    app.decorate('siteStreams', feed);
    app.addHook('onClose', () => feed.stop());
  },
  { name: 'site-streams', dependencies: ['db'] }
);
