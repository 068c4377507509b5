import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../deployment/instance-process';
import { waitFor } from '../../support/wait-for';

describe('SHUTDOWN_TIMEOUT_MS', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ims-shutdown-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('ends the process when a request is still open at the deadline, and says so', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: 'false',
        STATIC_DIR: 'no-build-here',
        SHUTDOWN_TIMEOUT_MS: '500',
        // Unlimited, so only the shutdown deadline can end the request below.
        REQUEST_TIMEOUT_MS: '0'
      },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => output.includes('"ready: open'), 'the server to be ready', 90_000);

      // A request whose body never arrives: the server cannot finish it, so closing waits on it.
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write('POST /api/interactions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      child.kill('SIGTERM');

      expect(await exited).toBe(1);
      expect(output).toContain('still closing after SHUTDOWN_TIMEOUT_MS (500 ms): exiting with connections open');
      socket.destroy();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
