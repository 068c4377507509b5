import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from '../lib/server-process';
import { EXPOSE_GC_FLAG } from './collect-garbage';

/** The peers' servers, each a module that listens on a free port and tells its parent the port over IPC. */
export const PEER_ENTRIES = {
  hocuspocus: new URL('./hocuspocus-server.ts', import.meta.url),
  yWebsocket: new URL('./y-websocket-server.ts', import.meta.url)
} as const;

/** Starts a peer's server module in its own Node process, as ours runs in its own; resolves once it listens. */
export async function startPeerServer(entry: URL): Promise<ServerProcess> {
  const child = fork(fileURLToPath(entry), [], { execArgv: [EXPOSE_GC_FLAG, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${fileURLToPath(entry)} exited (code ${code})`)));
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
