import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/support/chromium';

/**
 * A free port, found once by the runner and handed to the workers through the environment (they
 * evaluate this file again, and must reach the same server). E2E_PORT chooses one instead.
 */
function e2ePort(): string {
  process.env.E2E_PORT ??= execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
  ])
    .toString()
    .trim();
  return process.env.E2E_PORT;
}

const port = e2ePort();
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Two cores: one worker per core; the server and Chromium share them.
  workers: 2,
  fullyParallel: false,
  // No retries: a test that passes only on a second try is a bug to find, not a result to keep.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: 'node --import tsx tests/e2e/support/web-server.ts',
    url: `${baseURL}/api/ready`,
    env: { E2E_PORT: port },
    reuseExistingServer: false,
    // The build (about 15 s) and a fresh PGlite folder with the demo seed.
    timeout: 180_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe'
  }
});
