import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../sync-server/db/database';
import { migrate } from '../../../sync-server/db/migrations';
import { pgliteFolder } from '../../../sync-server/db/open-database';
import { openPgliteDatabase } from '../../../sync-server/db/pglite-database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { testDatabases, type DisposableDatabase, type TestDatabase } from '../helpers/test-databases';

const ROOT = new URL('../../../', import.meta.url).pathname;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run <command>` as a person would, with the settings the server would have. */
function run(command: 'backup' | 'restore', env: NodeJS.ProcessEnv, args: string[]): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', `sync-server/cli/${command}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env }
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** A database as the commands see it: their environment, and a way for the test to open it. */
interface Place {
  env: NodeJS.ProcessEnv;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function placeFor(engine: TestDatabase, scratch: string): Promise<Place> {
  if (engine.kind === 'pglite') {
    const dataDir = await mkdtemp(join(scratch, 'data-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openPgliteDatabase({ dataDir: pgliteFolder(dataDir) }),
      dispose: () => rm(dataDir, { recursive: true, force: true })
    };
  }
  const handle: DisposableDatabase = await engine.open();
  return {
    env: { DATABASE_URL: handle.url, DATA_DIR: scratch },
    open: async () => openPostgresDatabase({ connectionString: handle.url as string, maxConnections: 1 }),
    dispose: () => handle.dispose()
  };
}

describe.each(testDatabases)('npm run backup and npm run restore on $kind', (engine) => {
  let scratch: string;
  let source: Place;
  let target: Place;
  let file: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'ims-backup-cli-'));
    source = await placeFor(engine, scratch);
    target = await placeFor(engine, scratch);
    file = join(scratch, 'nightly.backup');
    const db = await source.open();
    try {
      await migrate(db);
      await seedDemoData(db, { interactions: 12 });
    } finally {
      await db.close();
    }
  });

  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
    await rm(scratch, { recursive: true, force: true });
  });

  it('backs up to the named file and says what it holds', async () => {
    const outcome = await run('backup', source.env, ['--output', file]);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/3 sites, 5 users, 12 interactions/);
    expect(outcome.stdout).toMatch(/Backup complete in [\d.]+ s/);
    expect(existsSync(file)).toBe(true);
  });

  it('restores it into an empty database and reports the same contents', async () => {
    const outcome = await run('restore', target.env, [file]);
    expect(outcome.status, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/Restored.*: 3 sites, 5 users, 12 interactions, 12 history entries/);
  });

  it('refuses a second restore over it without --force, exiting 1 with the reason', async () => {
    const outcome = await run('restore', target.env, [file]);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/--force/);
  });

  it('prints its usage and exits 2 without a file', async () => {
    const outcome = await run('restore', target.env, []);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/Usage: npm run restore -- FILE \[--force\]/);
  });
});
