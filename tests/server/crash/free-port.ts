import { createServer } from 'node:net';

/**
 * A loopback port free at the moment of asking, for a process that must be told its port before it
 * starts (Postgres), or keep one port across restarts (the server, so clients reconnect to it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no TCP port was assigned'))));
    });
  });
}
