import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config';
import { createServer } from './create-server';
import { seedDemoDataIfEmpty } from './demo/seed-on-start';

async function start(): Promise<void> {
  const config = loadConfig();
  const server = await createServer({ config });

  if (config.demoData) await seedDemoDataIfEmpty(server);

  const shutdown = {
    delay: config.shutdownTimeoutMs,
    // Exits with 1 afterwards: whatever was still open (a request, a socket) did not finish.
    onTimeout: (delay: number) =>
      server.log.error(`still closing after SHUTDOWN_TIMEOUT_MS (${delay} ms): exiting with connections open`)
  };
  closeWithGrace(shutdown, async ({ signal, err }) => {
    if (err) server.log.error({ err }, 'shutting down after an unexpected error');
    else server.log.info({ signal }, 'shutting down');
    await server.close();
  });

  const address = await server.listen({ port: config.port, host: config.host });
  server.log.info({ database: server.db.kind }, `ready: open ${address.replace('127.0.0.1', 'localhost')}`);
}

start().catch((error: unknown) => {
  // Configuration mistakes are the operator's to fix: say what is wrong without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
