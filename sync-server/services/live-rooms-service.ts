import fp from 'fastify-plugin';
import { RoomRegistry } from '../collab/room-registry';
import { createRoomStore } from '../collab/room-store';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live-editing rooms open in this process. */
    collabRooms: RoomRegistry;
  }
}

// A burst of keystrokes becomes one write; short enough that replication clients see it soon.
const SAVE_DELAY_MS = 500;

/**
 * The live-editing rooms (DESIGN §4.2), whose edits are stored through the interactions service.
 * Closed after the server has stopped taking connections: every room is written before the
 * database closes, and the database plugin, registered earlier, closes later.
 */
export default fp(
  async (app) => {
    const registry = new RoomRegistry({ db: app.db, store: createRoomStore(app), log: app.log, saveDelayMs: SAVE_DELAY_MS });
    await registry.start();
    app.decorate('collabRooms', registry);
    app.addHook('onClose', () => registry.closeAll());
  },
  { name: 'live-rooms-service', dependencies: ['db', 'interactions-service'] }
);
