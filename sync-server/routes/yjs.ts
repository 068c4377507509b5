import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import fp from 'fastify-plugin';
import { WebSocketServer, type WebSocket } from 'ws';
import { admit, COLLAB_PATH_PREFIX, parseCollabTarget, type Admission, type CollabTarget } from '../collab/admission';
import { clientAddress } from '../collab/client-address';
import { CLOSE, MAX_MESSAGE_BYTES } from '../collab/close-codes';
import { servePeer } from '../collab/connection';
// A peer that answers no ping for this long is gone (a laptop lid closed); its room can unload.
const PING_INTERVAL_MS = 30_000;
// How long a closing socket may take to answer the close frame at shutdown before it is cut.
const CLOSE_GRACE_MS = 1_000;

/**
 * Live co-editing (DESIGN §4.2): the y-websocket protocol at
 * `/api/yjs/:siteId/:interactionId?token=<access token>`, on the Fastify server's own port. The
 * socket is authenticated before it is accepted; a refused one is accepted only to carry its close
 * code (see collab/close-codes.ts) and never receives any of the document. A refused token counts
 * against its address in the HTTP rate limiter, and past the limit the upgrade is answered 429.
 */
export default fp(
  async (app) => {
    // Compression off: updates are small and already compact, and deflate state costs memory per socket.
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
    const alive = new Map<WebSocket, boolean>();
    let closing = false;

    // As on HTTP, only refused tokens are charged: a signed-in user behind a busy address is not.
    const admitWithinLimit = async (
      request: IncomingMessage,
      target: CollabTarget
    ): Promise<Admission | { retryAfterSeconds: number }> => {
      const admission = await admit(app, target);
      if (!('refuse' in admission) || admission.refuse.code !== CLOSE.UNAUTHENTICATED.code) return admission;
      const retryAfterSeconds = await app.chargeFailedSignIn(clientAddress(request, app.config.trustProxy));
      return retryAfterSeconds === undefined ? admission : { retryAfterSeconds };
    };

    const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const target = request.url?.startsWith(COLLAB_PATH_PREFIX) ? parseCollabTarget(request.url) : undefined;
      if (!target) {
        // Other paths may belong to another upgrade listener; with none, the client hears why.
        if (app.server.listenerCount('upgrade') === 1) refuseHandshake(socket, '404 Not Found');
        return;
      }
      socket.on('error', (error) => app.log.debug({ err: error }, 'live-editing handshake failed'));
      // Clients told to go away reconnect at once; while closing they must hear no, not wait.
      if (closing) return refuseHandshake(socket, '503 Service Unavailable');
      admitWithinLimit(request, target)
        .catch((error: unknown): Admission => {
          app.log.error({ err: error }, 'admitting a live-editing socket failed');
          return { refuse: CLOSE.INTERNAL };
        })
        .then((admission) => {
          if (closing) return refuseHandshake(socket, '503 Service Unavailable');
          if ('retryAfterSeconds' in admission) {
            return refuseHandshake(socket, '429 Too Many Requests', { 'Retry-After': String(admission.retryAfterSeconds) });
          }
          wss.handleUpgrade(request, socket, head, (ws) => {
            alive.set(ws, true);
            ws.on('pong', () => alive.set(ws, true));
            ws.on('close', () => alive.delete(ws));
            if ('refuse' in admission) return ws.close(admission.refuse.code, admission.refuse.reason);
            const log = app.log.child({ userId: admission.userId, siteId: target.siteId });
            servePeer({ ws, socket, registry: app.collabRooms, siteId: target.siteId, interactionId: target.interactionId, ...admission, log });
          });
        });
    };
    app.server.on('upgrade', onUpgrade);

    const ping = setInterval(() => {
      for (const [ws, answered] of alive) {
        if (!answered) ws.terminate();
        else {
          alive.set(ws, false);
          ws.ping();
        }
      }
    }, PING_INTERVAL_MS);
    ping.unref();

    // Before the server waits for its connections: upgraded sockets count among them.
    app.addHook('preClose', async () => {
      closing = true;
      clearInterval(ping);
      await Promise.all([...alive.keys()].map((ws) => closeWithin(ws, CLOSE_GRACE_MS)));
      wss.close();
    });
  },
  { name: 'collab', dependencies: ['db', 'security', 'auth', 'live-rooms-service'] }
);

function refuseHandshake(socket: Duplex, status: string, headers: Record<string, string> = {}): void {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status}\r\n${lines.join('')}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function closeWithin(ws: WebSocket, graceMs: number): Promise<void> {
  if (ws.readyState === ws.CLOSED) return;
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  if (ws.readyState === ws.OPEN) ws.close(CLOSE.GOING_AWAY.code, CLOSE.GOING_AWAY.reason);
  const timer = setTimeout(() => ws.terminate(), graceMs);
  await closed;
  clearTimeout(timer);
}
