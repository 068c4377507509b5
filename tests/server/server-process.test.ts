import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface RunningServer {
  process: ChildProcess;
  url: string;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts `sync-server/server.ts` as `npm run serve` does, and waits for it to say where it listens. */
async function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', STATIC_DIR: 'no-build-here', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        const ready = /^ready: open (http:\/\/\S+)$/.exec(String(entry.msg));
        if (ready) resolve(ready[1]);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before it was ready: ${stderr}`)));
  });
  return { process: child, url, logs, exited };
}

describe('the server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ims-process-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  // Generous timeouts: a cold PGlite start on a busy two-core machine can take many seconds.
  it('starts on a fresh embedded database, seeds it, and stops cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const server = await startServer({ DATA_DIR: dataDir, DEMO_INTERACTIONS: '25' });
    try {
      const ready = await fetch(`${server.url}/api/ready`);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      expect(server.logs).toContainEqual(expect.objectContaining({ msg: 'demo data seeded', interactions: 25 }));
    } finally {
      server.process.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.logs).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
  });

  it('reopens the same data folder without seeding again', { timeout: 120_000 }, async () => {
    const server = await startServer({ DATA_DIR: dataDir, DEMO_INTERACTIONS: '25' });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(server.logs.some((entry) => entry.msg === 'demo data seeded')).toBe(false);
    } finally {
      server.process.kill('SIGINT');
    }
    expect(await server.exited).toBe(0);
  });

  it('refuses to start on bad configuration and names the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).not.toContain('    at ');
  });
});
