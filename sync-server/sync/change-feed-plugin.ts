import fp from 'fastify-plugin';
import { ChangeFeed } from './change-feed';

declare module 'fastify' {
  interface FastifyInstance {
    changeFeed: ChangeFeed;
  }
}

/** The process's live feed of committed changes, listening from boot until close. */
export default fp(
  async (app) => {
    const feed = new ChangeFeed(app.db, app.log);
    await feed.start();
    app.decorate('changeFeed', feed);
    app.addHook('onClose', () => feed.stop());
  },
  { name: 'change-feed', dependencies: ['db'] }
);
