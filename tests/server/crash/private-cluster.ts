import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';
import { waitFor } from '../../support/wait-for';

/**
 * A Postgres cluster of the test's own, in a temporary folder, listening on 127.0.0.1 only. Its
 * restart disturbs nobody: the shared test Postgres serves other test files at the same time.
 */
export interface PrivateCluster {
  /** Superuser connection string to its `postgres` database (trust authentication, loopback only). */
  url: string;
  /** How long initdb and the first start took, in milliseconds. */
  startMs: number;
  /** Stops Postgres in immediate mode (no checkpoint, as after a crash) and starts it on the same folder. */
  restart(): Promise<void>;
  /** Stops Postgres if it runs and removes its folder. */
  dispose(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const STDERR_TAIL_CHARS = 2_000;

/** The folder holding `initdb` and `postgres`: on PATH, or Debian's newest /usr/lib/postgresql/<v>/bin. */
export function findPostgresBinaries(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).find((dir) => dir && existsSync(join(dir, 'initdb')));
  if (onPath) return onPath;
  const debianRoot = '/usr/lib/postgresql';
  if (!existsSync(debianRoot)) return undefined;
  const newest = readdirSync(debianRoot)
    .filter((version) => existsSync(join(debianRoot, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest && join(debianRoot, newest, 'bin');
}

/** Runs initdb into a fresh temporary folder and starts Postgres on a free loopback port. */
export async function startPrivateCluster(binaries: string): Promise<PrivateCluster> {
  const started = performance.now();
  const folder = await mkdtemp(join(tmpdir(), 'ims-crash-pg-'));
  const dataDir = join(folder, 'data');
  // Postgres refuses to run as root: then the cluster belongs to the `postgres` account.
  const owner = process.getuid?.() === 0 ? accountIds('postgres') : undefined;
  if (owner) await chown(folder, owner.uid, owner.gid);

  // --no-sync only speeds up initdb's own writes; the running server keeps fsync on, as in production.
  await run(join(binaries, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], owner);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const args = ['-D', dataDir, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1'];

  let postmaster: ChildProcess | undefined;
  let stderr = '';
  async function start(): Promise<void> {
    const child = spawn(join(binaries, 'postgres'), args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS)));
    postmaster = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode} while starting:\n${stderr}`);
        return acceptsConnections(url);
      },
      'the private Postgres to accept connections',
      READY_TIMEOUT_MS
    );
  }

  async function stop(signal: NodeJS.Signals): Promise<void> {
    const child = postmaster;
    postmaster = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const escalate = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(escalate);
  }

  await start();
  return {
    url,
    startMs: Math.round(performance.now() - started),
    async restart() {
      // SIGQUIT to the postmaster is `pg_ctl stop -m immediate`.
      await stop('SIGQUIT');
      await start();
    },
    async dispose() {
      await stop('SIGQUIT');
      await rm(folder, { recursive: true, force: true });
    }
  };
}

function accountIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(command: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${stderr}`))));
  });
}

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  // A refused connection also emits 'error' on the client; the rejected connect() reports it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
