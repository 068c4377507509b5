import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/support/chromium';

/**
 * A free port, found once by the runner and handed to the workers through the environment (they
 * evaluate this file again, and must reach the same server). E2E_PORT chooses one instead.
 */
function e2ePort(variable: 'E2E_PORT' | 'E2E_POSTGRES_PORT'): string {
  process.env[variable] ??= execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
  ])
    .toString()
    .trim();
  return process.env[variable]!;
}

const port = e2ePort('E2E_PORT');
const baseURL = `http://127.0.0.1:${port}`;

// With a Postgres server (TEST_DATABASE_URL, as CI has), the specs that exercise storage and sync
// the hardest run a second time against a server storing in Postgres: the engine production uses.
const postgresUrl = process.env.TEST_DATABASE_URL;
const ON_POSTGRES = /\/(sync|collab|offline)\.spec\.ts$/;
const postgresPort = postgresUrl ? e2ePort('E2E_POSTGRES_PORT') : undefined;
const postgresBaseURL = `http://127.0.0.1:${postgresPort}`;

const webServer = (serverPort: string, env: Record<string, string> = {}) => ({
  command: 'node --import tsx tests/e2e/support/web-server.ts',
  url: `http://127.0.0.1:${serverPort}/api/ready`,
  env: { E2E_PORT: serverPort, ...env },
  reuseExistingServer: false,
  // The build (about 15 s) and a fresh database with the demo seed.
  timeout: 180_000,
  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
  stdout: 'pipe' as const,
  stderr: 'pipe' as const
});
const desktop = { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } };

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Two cores: one worker per core; the server and Chromium share them.
  workers: 2,
  fullyParallel: false,
  // No retries: a test that passes only on a second try is a bug to find, not a result to keep.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous waits: two servers and two browsers share two cores, and a fresh profile's first sync
  // of the shared server's hundreds of records can take many seconds there. A wait is for an event,
  // never a speed target (those are benchmarks), so a slow machine must not fail it.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL,
    // The tests assert English text and dates in a fixed zone, wherever they run.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
  },
  projects: [
    { name: 'chromium', use: desktop },
    ...(postgresPort ? [{ name: 'chromium-postgres', testMatch: ON_POSTGRES, use: { ...desktop, baseURL: postgresBaseURL } }] : [])
  ],
  // Started one after the other: the second serves the build the first made.
  webServer: [
    webServer(port),
    ...(postgresPort ? [webServer(postgresPort, { E2E_SKIP_BUILD: '1', E2E_POSTGRES_URL: postgresUrl! })] : [])
  ]
});
