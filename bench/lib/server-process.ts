import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * A module whose default export the server process calls after `createServer` and before
 * `listen`: where a suite adds a route that exists only in benchmarks.
 */
export type ServerExtension = (server: FastifyInstance) => void | Promise<void>;

export interface ServerProcessOptions {
  /** Read by `loadConfig` in the child, over the fixed benchmark settings below. */
  env: Record<string, string>;
  /** Modules exporting a `ServerExtension`, loaded in the child in this order. */
  extensions?: URL[];
}

export interface ServerProcess {
  /** Base URL on 127.0.0.1, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The server's process id, for what only the OS can tell (its memory in /proc/<pid>/status). */
  pid: number;
  stop(): Promise<void>;
}

/** Messages from `server-child.ts` over the IPC channel. */
export type ChildMessage = { port: number };

const CHILD_ENTRY = fileURLToPath(new URL('./server-child.ts', import.meta.url));
// Migrations run at boot; PGlite can take a while to open a large data folder.
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// The production config, minus what would distort or leak out of a benchmark: logging (synchronous
// writes per request), the per-user rate limit (the benchmark is one user), and a built PWA.
// DATABASE_URL is overridden, never inherited: a developer's shell may point at a real database.
const FIXED_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  AUTH_MODE: 'dev',
  DEMO_DATA: 'false',
  RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
  STATIC_DIR: '/nonexistent/ims-bench-static',
  DATABASE_URL: ''
};

/**
 * Starts the real server in its own Node process. The load generator stays in this process: on
 * two cores, running both on one event loop would give the server half of one core and measure
 * autocannon as much as Fastify. In separate processes the OS spreads server, load generator and
 * Postgres over both cores, as they would be on separate machines (minus the network).
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = fork(CHILD_ENTRY, (options.extensions ?? []).map(String), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...FIXED_ENV, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  });
  const ready = await waitForReady(child);
  return { url: `http://127.0.0.1:${ready.port}`, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

function waitForReady(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server process did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
