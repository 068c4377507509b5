import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../../sync-server/db/pglite-database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import type { Database } from '../../../sync-server/db/database';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const ROOT = new URL('../../../', import.meta.url).pathname;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function admin(env: NodeJS.ProcessEnv, args: string[]): Promise<Outcome> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'sync-server/cli/admin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env }
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** Where the command runs: PGlite in a data folder, or a throwaway Postgres database. */
interface Target {
  env: NodeJS.ProcessEnv;
  /** Opens the database the command used, once it has exited. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

async function targetFor(kind: 'pglite' | 'postgres'): Promise<Target> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ims-admin-cli-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openPgliteDatabase({ dataDir: join(dataDir, 'pglite') }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true })
    };
  }
  const handle: DisposableDatabase = await testDatabases.find((database) => database.kind === 'postgres')!.open();
  return {
    env: { DATABASE_URL: handle.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'ims-admin-cli-')) },
    open: async () => openPostgresDatabase({ connectionString: handle.url!, maxConnections: 1 }),
    dispose: () => handle.dispose()
  };
}

describe.each(testDatabases.map((database) => database.kind))('npm run admin on %s', (kind) => {
  let target: Target;
  beforeAll(async () => {
    target = await targetFor(kind);
  });
  afterAll(() => target?.dispose());

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const db = await target.open();
    try {
      return (await db.query<T>(sql, params)).rows;
    } finally {
      await db.close();
    }
  }

  it('grants an unknown address as pending and lists it, with a command-line audit entry', async () => {
    const granted = await admin(target.env, ['grant', 'Boss@Org.example']);
    expect(granted.status, granted.stderr).toBe(0);
    expect(granted.stdout).toContain('from their first sign-in');
    const listed = await admin(target.env, ['list']);
    expect(listed.stdout).toMatch(/Pending, bound at first sign-in \(1\):\n\s+Boss@Org\.example/);
    const audit = await query<{ action: string; actor: string | null }>('SELECT action, actor_id AS actor FROM audit_log');
    expect(audit).toEqual([{ action: 'org-admin.granted', actor: null }]);
  }, 60_000);

  it('grants an existing account at once, and revokes it, keeping the last one', async () => {
    await query(`INSERT INTO users (id, auth_subject, email, name) VALUES ('05e40000-0000-4000-8000-0000000000aa', 'x|1', 'first@org.example', 'First')`);
    expect((await admin(target.env, ['grant', 'FIRST@org.example'])).stdout).toContain('first@org.example is an organisation administrator');
    expect(await query('SELECT email FROM users WHERE org_admin')).toEqual([{ email: 'first@org.example' }]);

    const last = await admin(target.env, ['revoke', 'first@org.example']);
    expect(last.status).toBe(1);
    expect(last.stderr).toContain('at least one administrator');

    const withdrawn = await admin(target.env, ['revoke', 'boss@org.example']);
    expect(withdrawn.stdout).toContain('pending grant');
    expect(await query('SELECT email FROM org_admin_invitations')).toEqual([]);
  }, 60_000);

  it('explains its usage and refuses an address that is none', async () => {
    const usage = await admin(target.env, ['promote']);
    expect(usage.status).toBe(1);
    expect(usage.stderr).toContain('Usage: npm run admin -- grant <email>');
    const bad = await admin(target.env, ['grant', 'boss']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Email must be an email address');
  }, 60_000);

  if (kind === 'pglite') {
    it('refuses while another live process holds the embedded database', async () => {
      // This test's own process stands in for the running server.
      writeFileSync(join(target.env.DATA_DIR!, 'pglite.owner.pid'), String(process.pid));
      const refused = await admin(target.env, ['list']);
      rmSync(join(target.env.DATA_DIR!, 'pglite.owner.pid'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`in use by process ${process.pid}`);
    }, 60_000);
  }
});
