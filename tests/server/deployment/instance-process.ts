import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { waitFor } from '../../support/wait-for';

/** The unprivileged account the instances run as when the test runs as root, as the image's user does. */
const UNPRIVILEGED = { user: 'nobody', group: 'nogroup' };

export interface InstanceProcess {
  url: string;
  pid: number;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit; SIGKILL (by pid) if it outlives the shutdown timeout. */
  stop(): Promise<number | null>;
}

/** A free loopback port; released again just before the caller binds it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `node dist/server.js` from the bundle, as `npm run start:prod` does, as `nobody` when this
 * process is root, else as the current, already unprivileged, user. Resolves once /api/ready
 * answers 200.
 */
export async function startInstance(options: { bundleDir: string; port: number; env: NodeJS.ProcessEnv }): Promise<InstanceProcess> {
  const child = spawnUnprivileged({ bundleDir: options.bundleDir, nodeArgs: ['dist/server.js'], env: { PORT: String(options.port), ...options.env } });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    })
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(async () => {
    if (exitCode !== undefined) throw new Error(`instance on port ${options.port} exited with ${exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/api/ready`).catch(() => undefined);
    return ready?.status === 200;
  }, `the instance on port ${options.port} to be ready`, 60_000);

  const pid = child.pid!;
  return {
    url,
    pid,
    logs,
    exited,
    async stop() {
      if (exitCode === undefined) process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => exitCode === undefined && process.kill(pid, 'SIGKILL'), 15_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
  };
}

export interface ProgramRun {
  bundleDir: string;
  /** The compiled program and its arguments, e.g. `['dist/backup.js', '--output', file]`. */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
}

/** Runs one of the bundle's programs to its end, as the instances run: `node dist/<program>.js …`. */
export async function runProgram(run: ProgramRun): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnUnprivileged(run);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** `node` from the bundle as nobody when this process is root (setpriv), else as the current, already unprivileged, user. */
function spawnUnprivileged(run: ProgramRun): ChildProcess {
  const node = [process.execPath, '--enable-source-maps', ...run.nodeArgs];
  const dropPrivileges = process.getuid?.() === 0;
  const [command, ...args] = dropPrivileges
    ? ['setpriv', `--reuid=${UNPRIVILEGED.user}`, `--regid=${UNPRIVILEGED.group}`, '--clear-groups', ...node]
    : node;
  // Only what the program needs: nothing of the test runner's environment leaks into production.
  // PATH stays, for the PostgreSQL client tools the backup runs.
  return spawn(command, args, { cwd: run.bundleDir, env: { PATH: process.env.PATH, ...run.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The real user id a running process has, from /proc. */
export function processUid(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}
