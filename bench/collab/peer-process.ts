import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../lib/server-process';

const ENTRY = fileURLToPath(new URL('./reference-server.ts', import.meta.url));

/** Starts reference-server.ts in its own Node process; resolves once it listens. */
export async function startReferenceServer(): Promise<ServerProcess> {
  const child = fork(ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the reference server exited (code ${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
  };
}
