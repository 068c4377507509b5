import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { collectGarbageOnSignal } from './collect-garbage';

/**
 * The reference y-websocket server (@y/websocket-server 0.1.1, in-memory, no persistence) in its
 * own process, as ours runs in its own: the room is the path, as in its own bin/server.js. Tells
 * the parent its port over IPC.
 */
collectGarbageOnSignal();
const server = http.createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    const docName = (request.url ?? '/').slice(1).split('?')[0];
    setupWSConnection(ws, request, { docName, gc: true });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
