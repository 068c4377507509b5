/**
 * Entry of the server process started by `server-process.ts`: the app exactly as production builds
 * it (config from the environment, the db plugin opening and migrating the database), plus any
 * benchmark-only extensions named on the command line. Reports its port over IPC.
 */
import { loadConfig } from '../../sync-server/config';
import { createServer } from '../../sync-server/create-server';
import type { ChildMessage, ServerExtension } from './server-process';

const config = loadConfig(process.env);
const server = await createServer({ config, logger: false });
for (const extension of process.argv.slice(2)) {
  const module = (await import(extension)) as { default: ServerExtension };
  await module.default(server);
}
await server.listen({ port: 0, host: '127.0.0.1' });

const address = server.server.address();
if (address === null || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
const message: ChildMessage = { port: address.port };
process.send?.(message);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await server.close();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// The parent died or was killed: nobody will stop this process, so it stops itself.
process.on('disconnect', shutdown);
