/**
 * The server the end-to-end tests run against, started by Playwright's `webServer`: the app built
 * once, then served by the real sync server as `npm start` does, on E2E_PORT, with a fresh PGlite
 * data folder (demo data seeded) that is removed when Playwright stops it. With E2E_POSTGRES_URL (a
 * Postgres server's admin URL) it stores in a throwaway database of that server instead, dropped
 * when it stops: the run on Postgres (see playwright.config.ts).
 *
 * The build is copied into the same temporary folder before the server starts, so a teammate's
 * `vite build` during the run cannot swap files under the running tests.
 *
 * Environment: E2E_PORT (set by playwright.config.ts), E2E_SKIP_BUILD=1 to serve the existing
 * `build/` as it is (quicker when iterating on tests only, and for the second server of a run,
 * started after the first has built), E2E_POSTGRES_URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../support/throwaway-database';
import { appServerEnvironment, ROOT as root } from './app-server';

const port = process.env.E2E_PORT;
if (!port) throw new Error('E2E_PORT is not set; start the tests with `npx playwright test`.');

const workDir = mkdtempSync(join(tmpdir(), 'ims-e2e-'));
let server: ChildProcess | undefined;
let database: ThrowawayDatabase | undefined;
let stopping = false;

function removeWorkDir(): void {
  rmSync(workDir, { recursive: true, force: true });
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server?.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  }
  removeWorkDir();
  await database?.drop();
  // Not process.exit(): output to a pipe is written asynchronously and would be cut off.
  process.exitCode = code;
}

// Playwright stops the web server with SIGTERM to the process group (see `gracefulShutdown` in the
// config): the server closes PGlite cleanly and the data folder is removed afterwards.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(0));

if (process.env.E2E_SKIP_BUILD !== '1') {
  const started = performance.now();
  // Vite's file list is noise in the test output; its errors go to stderr, which is kept.
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    removeWorkDir();
    throw new Error(`npm run build failed (exit ${build.status})`);
  }
  console.log(`built the app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const staticDir = join(workDir, 'app');
cpSync(join(root, 'build'), staticDir, { recursive: true });

if (process.env.E2E_POSTGRES_URL) database = await createThrowawayDatabase(process.env.E2E_POSTGRES_URL, 'ims_e2e');

server = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: appServerEnvironment({ port, dataDir: join(workDir, 'data'), staticDir, demoData: true, databaseUrl: database?.url })
});
server.once('exit', (code, signal) => {
  if (!stopping) {
    console.error(`the sync server exited (code ${code}, signal ${signal})`);
    void stop(1);
  }
});
