import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS_DIR,
  MigrationError,
  loadMigrations,
  migrate
} from '../../../sync-server/db/migrations';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const EXPECTED_TABLES = [
  'audit_log',
  'interaction_history',
  'interaction_terms',
  'interactions',
  'org_admin_invitations',
  'schema_migrations',
  'site_invitations',
  'sites',
  'user_sites',
  'users'
];

describe.each(testDatabases)('migrate on $kind', (testDatabase) => {
  let handle: DisposableDatabase;
  let scratchDir: string;

  beforeEach(async () => {
    handle = await testDatabase.open();
    scratchDir = await mkdtemp(join(tmpdir(), 'ims-migrations-'));
    await cp(MIGRATIONS_DIR, scratchDir, { recursive: true });
  });

  afterEach(async () => {
    await handle.dispose();
    await rm(scratchDir, { recursive: true, force: true });
  });

  async function tableNames(): Promise<string[]> {
    const { rows } = await handle.db.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`
    );
    return rows.map((row) => row.tablename);
  }

  it('applies every migration file to an empty database', async () => {
    const files = await readdir(MIGRATIONS_DIR);
    const report = await migrate(handle.db);
    expect(report.applied).toEqual(files.filter((file) => file.endsWith('.sql')).sort());
    expect(await tableNames()).toEqual(EXPECTED_TABLES);
  });

  it('creates the indexes the data model names', async () => {
    await migrate(handle.db);
    const { rows } = await handle.db.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'interactions'`
    );
    const definitions = rows.map((row) => row.indexdef).join('\n');
    expect(definitions).toContain('(site_id)');
    expect(definitions).toContain('(site_id, type)');
    expect(definitions).toContain('(site_id, start_datetime, id)');
    expect(definitions).toContain('(site_id, server_seq)');
    expect(definitions).toMatch(/USING gin \(site_id, search_vector\)/);
  });

  it('keeps the pending list of the full-text index short, so searches do not read thousands of unmerged rows', async () => {
    await migrate(handle.db);
    const { rows } = await handle.db.query<{ options: string[] | null }>(
      `SELECT reloptions AS options FROM pg_class WHERE relname = 'interactions_site_search_idx'`
    );
    expect(rows[0].options).toEqual(['gin_pending_list_limit=1024']);
  });

  it('keeps an interaction of a few kilobytes whole in its row, not in the TOAST table', async () => {
    await migrate(handle.db);
    const site = '517e0000-0000-4000-8000-0000000000aa';
    const user = '05e40000-0000-4000-8000-0000000000aa';
    await handle.db.query(`INSERT INTO sites (id, name, interaction_types) VALUES ($1, 'Toast', ARRAY['Meeting'])`, [site]);
    await handle.db.query(`INSERT INTO users (id, auth_subject, email, name) VALUES ($1, 'dev|t', 't@example.org', 'T')`, [user]);
    // 3 kB of CRDT state that does not compress (md5 digests): by default it would be moved out.
    await handle.db.query(
      `INSERT INTO interactions (id, site_id, title, type, lead, start_datetime, end_datetime, timezone, description, created_by,
                                 updated_by, crdt)
       SELECT gen_random_uuid(), $1, 'Long', 'Meeting', 'T', now(), now(), 'UTC', 'A long record.', $2, $2,
              (SELECT decode(string_agg(md5(n::text), ''), 'hex') FROM generate_series(1, 190) n)`,
      [site, user]
    );
    const { rows } = await handle.db.query<{ outside: number }>(
      `SELECT pg_relation_size(reltoastrelid)::int AS outside FROM pg_class WHERE relname = 'interactions'`
    );
    expect(rows[0].outside).toBe(0);
  });

  it('does nothing when run again', async () => {
    await migrate(handle.db);
    const again = await migrate(handle.db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe((await loadMigrations()).length);
  });

  it('refuses to run when an applied file was changed', async () => {
    await migrate(handle.db, await loadMigrations(scratchDir));
    const [first] = (await readdir(scratchDir)).sort();
    const path = join(scratchDir, first);
    await writeFile(path, `${await readFile(path, 'utf8')}\n-- an innocent-looking edit\n`);

    await expect(migrate(handle.db, await loadMigrations(scratchDir))).rejects.toThrow(
      new MigrationError(
        `Migration ${first} was changed after it was applied. Restore the file and add a new migration for the change instead.`
      )
    );
  });

  it('refuses to run when an applied file is missing', async () => {
    await writeFile(join(scratchDir, '0900_extra_table.sql'), 'CREATE TABLE extra (id int);');
    await migrate(handle.db, await loadMigrations(scratchDir));
    await rm(join(scratchDir, '0900_extra_table.sql'));

    await expect(migrate(handle.db, await loadMigrations(scratchDir))).rejects.toThrow(/0900_extra_table.sql .* missing/);
  });

  it('applies a new file added later, and only that one', async () => {
    await migrate(handle.db, await loadMigrations(scratchDir));
    await writeFile(join(scratchDir, '0900_extra_table.sql'), 'CREATE TABLE extra (id int);');
    const report = await migrate(handle.db, await loadMigrations(scratchDir));
    expect(report.applied).toEqual(['0900_extra_table.sql']);
    expect(await tableNames()).toContain('extra');
  });

  it('rolls back a failing file entirely and records nothing for it', async () => {
    await migrate(handle.db, await loadMigrations(scratchDir));
    await writeFile(
      join(scratchDir, '0900_half_broken.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;'
    );
    await expect(migrate(handle.db, await loadMigrations(scratchDir))).rejects.toThrow(/no_such_table/);

    expect(await tableNames()).not.toContain('half_done');
    const { rows } = await handle.db.query('SELECT 1 FROM schema_migrations WHERE version = 900');
    expect(rows).toHaveLength(0);
  });

  it('lets two runners start at once without either failing', async () => {
    const migrations = await loadMigrations();
    const reports = await Promise.all([migrate(handle.db, migrations), migrate(handle.db, migrations)]);
    expect(reports.flatMap((report) => report.applied).sort()).toEqual(migrations.map((m) => m.name));
  });
});

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ims-migration-files-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('rejects a file that does not follow the naming rule', async () => {
    await writeFile(join(dir, 'add-things.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/add-things.sql.*NNNN_description.sql/);
  });

  it('rejects two files with the same version', async () => {
    await writeFile(join(dir, '0001_one.sql'), 'SELECT 1;');
    await writeFile(join(dir, '0001_two.sql'), 'SELECT 2;');
    await expect(loadMigrations(dir)).rejects.toThrow('Two migration files share version 1.');
  });
});
