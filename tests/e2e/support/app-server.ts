/**
 * How the end-to-end tests run the real sync server: the environment it gets, and a server of a
 * spec's own for tests that need a database of their own (an empty one, say), next to the shared
 * one Playwright starts (web-server.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface AppServerSettings {
  port: string;
  dataDir: string;
  staticDir: string;
  /** Seed the demo sites and people (no interactions). */
  demoData: boolean;
  /** A Postgres database of this server's own; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
}

/** The server's environment: the database it is given, never a developer's DATABASE_URL. */
export function appServerEnvironment({ port, dataDir, staticDir, demoData, databaseUrl }: AppServerSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    // The embedded database unless the run asks for Postgres; a developer's shell must not point
    // the tests at a database of theirs.
    DATABASE_URL: databaseUrl ?? '',
    DEMO_DATA: String(demoData),
    // The demo sites and people only: each test makes the interactions it looks for, and every
    // browser syncs what the others made, so a few hundred unrelated rows would only hide them.
    DEMO_INTERACTIONS: '0',
    // Every test signs in as one of a few people, many at once, each tab syncing: far more requests
    // a minute per person than anyone makes. The limit itself is tested in the server tests.
    RATE_LIMIT_PER_MINUTE: '100000',
    // The small test model, served from this server so semantic search runs without the internet.
    MODELS_DIR: join(ROOT, '../shared/models'),
    EMBEDDING_MODEL: 'local/universal-sentence-encoder-lite',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn'
  };
}

export interface OwnAppServer {
  baseURL: string;
  /** Stops the server (SIGTERM, then SIGKILL after 8 s) and removes its folder. */
  stop(): Promise<void>;
}

export interface OwnAppServerOptions {
  /** Runs commands against the data folder before the server starts (the bootstrap command, for one). */
  beforeStart?: (run: (script: string, args: string[]) => void) => void;
  /** Seed the demo sites and people, for a spec that changes them and must not do so on the shared server. */
  demoData?: boolean;
  /** Settings over the test defaults (another sign-in mode, say). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A server of the spec's own on an embedded database of its own (empty unless `demoData`), serving
 * the app already built for the shared server. Commands run by `beforeStart` get the same settings
 * the server gets.
 */
export async function startOwnAppServer(options: OwnAppServerOptions = {}): Promise<OwnAppServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'ims-e2e-own-'));
  const staticDir = join(workDir, 'app');
  cpSync(join(ROOT, 'build'), staticDir, { recursive: true });
  const port = String(await freePort());
  const env = {
    ...appServerEnvironment({ port, dataDir: join(workDir, 'data'), staticDir, demoData: options.demoData ?? false }),
    ...options.env
  };

  options.beforeStart?.((script, args) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${script} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}${result.stdout}`);
    }
  });

  const server = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit']
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(server);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${baseURL}/api/ready`, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, stop };
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    const ready = await fetch(url).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready at ${url} within 60 s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
