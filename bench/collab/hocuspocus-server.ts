import { Server } from '@hocuspocus/server';
import { collectGarbageOnSignal } from './collect-garbage';

/**
 * Hocuspocus (@hocuspocus/server 3.4.4) with its defaults and no extension, so documents live in
 * memory only, in its own process as ours runs in its own. Port 0 picks a free port; quiet skips the
 * start banner. Tells the parent its port over IPC; its default signal handling stops it on SIGTERM.
 */
collectGarbageOnSignal();
const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
process.send?.({ port: server.address.port });
