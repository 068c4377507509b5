import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore, type BackupTarget } from '../../../sync-server/backup/backup';
import { userTables } from '../../../sync-server/backup/database-contents';
import type { Database } from '../../../sync-server/db/database';
import { migrate } from '../../../sync-server/db/migrations';
import { pgliteFolder } from '../../../sync-server/db/open-database';
import { openPgliteDatabase } from '../../../sync-server/db/pglite-database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases, type DisposableDatabase, type TestDatabase } from '../helpers/test-databases';

/** A database the backup commands can reach from outside the test's own connection. */
interface Place {
  target: BackupTarget;
  /** Opens it for the test to read; close before PGlite's backup, which must have it alone. */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** Every row of every table, as Postgres spells each row, and every sequence's position. */
type Snapshot = Record<string, string[]>;

const scratch = await mkdtemp(join(tmpdir(), 'ims-backup-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const places: Record<Database['kind'], (engine: TestDatabase) => Promise<Place>> = {
  async pglite() {
    const dataDir = await mkdtemp(join(scratch, 'data-'));
    return {
      target: { dataDir },
      open: () => openPgliteDatabase({ dataDir: pgliteFolder(dataDir) }),
      dispose: () => rm(dataDir, { recursive: true, force: true })
    };
  },
  async postgres(engine) {
    const handle: DisposableDatabase = await engine.open();
    // The handle's own pool stays idle; the test opens its own connections like any other client.
    return {
      target: { databaseUrl: handle.url, dataDir: scratch },
      open: async () => openPostgresDatabase({ connectionString: handle.url as string, maxConnections: 2 }),
      dispose: () => handle.dispose()
    };
  }
};

describe.each(testDatabases)('npm run backup / restore on $kind', (engine) => {
  const newPlace = () => places[engine.kind](engine);
  const silent = () => {};
  let source: Place;
  let restored: Place;
  let original: Snapshot;
  let backupFile: string;

  beforeAll(async () => {
    source = await newPlace();
    original = await populate(source);
    backupFile = await backup(source.target, { file: join(scratch, `${engine.kind}-backup`), log: silent });
  }, 120_000);

  afterAll(async () => {
    await source?.dispose();
    await restored?.dispose();
  });

  it('restores every row of every table, and the sequences, into a fresh database', async () => {
    restored = await newPlace();
    const lines: string[] = [];
    await restore(restored.target, { file: backupFile, force: false, log: (line) => lines.push(line) });

    expect(await snapshotOf(restored)).toEqual(original);
    expect(lines.at(-1)).toMatch(/Restored.*: 3 sites, 5 users, 41 interactions, \d+ history entries; migrations up to \d{4}_/);
  });

  it('leaves a database the server migrates without complaint, its sequence ahead of every row', async () => {
    const db = await restored.open();
    try {
      expect((await migrate(db)).applied).toEqual([]);
      const { rows } = await db.query<{ next: number }>("SELECT nextval('interactions_server_seq')::int AS next");
      const { rows: highest } = await db.query<{ max: number }>('SELECT max(server_seq)::int AS max FROM interactions');
      // A sequence restored behind its rows would hand out numbers replication has already passed.
      expect(rows[0].next).toBeGreaterThan(highest[0].max);
    } finally {
      await db.close();
    }
  });

  it('refuses to restore over a database that is not empty, naming why, and changes nothing', async () => {
    const before = await snapshotOf(restored);
    await expect(restore(restored.target, { file: backupFile, force: false, log: silent })).rejects.toThrow(
      engine.kind === 'postgres' ? /is not empty: it has \d+ tables .*--force/ : /already holds an embedded database.*--force/
    );
    expect(await snapshotOf(restored)).toEqual(before);
  });

  it('refuses a truncated backup before dropping anything, even with --force', async () => {
    const whole = await readFile(backupFile);
    const truncated = join(scratch, `${engine.kind}-truncated`);
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const before = await snapshotOf(restored);

    await expect(restore(restored.target, { file: truncated, force: true, log: silent })).rejects.toThrow(
      engine.kind === 'postgres' ? /pg_restore failed:.*(end of file|could not read)/s : /damaged or truncated/
    );
    expect(await snapshotOf(restored)).toEqual(before);
  });

  it('refuses a file that is not a backup for this database, naming what it is', async () => {
    const foreign = join(scratch, `${engine.kind}-foreign`);
    await writeFile(foreign, engine.kind === 'postgres' ? gzipSync('a folder') : 'PGDMP and nothing else');
    await expect(restore(restored.target, { file: foreign, force: true, log: silent })).rejects.toThrow(
      engine.kind === 'postgres' ? /is an embedded PGlite backup/ : /is a Postgres backup/
    );
    const text = join(scratch, `${engine.kind}-notes.txt`);
    await writeFile(text, 'meeting notes');
    await expect(restore(restored.target, { file: text, force: true, log: silent })).rejects.toThrow(/is not a backup/);
  });

  it('replaces a database that is not empty when forced', async () => {
    const db = await restored.open();
    try {
      await db.query('DELETE FROM interaction_history');
    } finally {
      await db.close();
    }
    await restore(restored.target, { file: backupFile, force: true, log: silent });
    expect(await snapshotOf(restored)).toEqual(original);
    if (engine.kind === 'pglite') {
      // The replaced folder is kept beside the data folder, renamed, for the person to delete.
      const kept = (await readdir(restored.target.dataDir)).filter((name) => name.startsWith('pglite.replaced-'));
      expect(kept).toHaveLength(1);
    }
  });
});

describe('npm run backup on pglite', () => {
  let source: Place;

  beforeAll(async () => {
    source = await places.pglite(testDatabases[0]);
    const db = await source.open();
    await migrate(db);
    await db.close();
  });

  afterAll(() => source?.dispose());

  it('refuses to back up a folder another live process has open', async () => {
    const folder = pgliteFolder(source.target.dataDir);
    // The parent process is alive and is not this one: as a running server would be.
    await writeFile(`${folder}.owner.pid`, String(process.ppid));
    try {
      const file = join(scratch, 'while-running');
      await expect(backup(source.target, { file, log: () => {} })).rejects.toThrow(
        new RegExp(`in use by process ${process.ppid} .*Stop it first`)
      );
      expect(existsSync(file)).toBe(false);
    } finally {
      await rm(`${folder}.owner.pid`, { force: true });
    }
  });
});

/**
 * Fills the database through the server's own write paths: the demo seeder, then creates, edits
 * (history entries and merged CRDT states), a delete and an invitation (the audit log).
 */
async function populate(place: Place): Promise<Snapshot> {
  const fixture = await openApiFixture({ kind: 'pglite', open: async () => ({ db: await place.open(), dispose: async () => {} }) }, { interactions: 40 });
  try {
    const created = await fixture.as('ben@example.org', { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody({ title: 'Backup check' }) });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (const title of ['Backup check, edited', 'Backup check, edited twice']) {
      const edited = await fixture.as('ada@example.org', { method: 'PATCH', url: `/api/interactions/${id}`, payload: { title, notes: `notes for ${title}` } });
      expect(edited.statusCode).toBe(200);
    }
    const seeded = await fixture.db.query<{ id: string }>('SELECT id FROM interactions WHERE site_id = $1 AND id <> $2 LIMIT 1', [LEEDS.id, id]);
    expect((await fixture.as('ada@example.org', { method: 'DELETE', url: `/api/interactions/${seeded.rows[0].id}` })).statusCode).toBe(204);
    const invited = await fixture.as('ada@example.org', {
      method: 'POST',
      url: `/api/sites/${LEEDS.id}/invitations`,
      payload: { email: 'newcomer@example.org', role: 'user' }
    });
    expect(invited.statusCode).toBe(201);
    const withoutState = await fixture.db.query<{ count: number }>('SELECT count(*)::int AS count FROM interactions WHERE crdt IS NULL');
    expect(withoutState.rows[0].count).toBe(0);
  } finally {
    await fixture.app.close();
    await fixture.db.close();
  }

  const snapshot = await snapshotOf(place);
  // The backup must carry all of these, or the comparison proves less than it claims.
  expect(snapshot['public.interactions']).toHaveLength(41);
  expect(snapshot['public.interaction_history'].length).toBeGreaterThan(41);
  expect(snapshot['public.audit_log'].length).toBeGreaterThan(0);
  expect(snapshot['public.site_invitations']).toHaveLength(1);
  return snapshot;
}

async function snapshotOf(place: Place): Promise<Snapshot> {
  const db = await place.open();
  try {
    const snapshot: Snapshot = {};
    for (const table of await userTables(db)) {
      const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t ORDER BY 1`);
      snapshot[table] = rows.map((row) => row.row);
    }
    const { rows } = await db.query<{ name: string; position: string }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, coalesce(last_value, 0)::text AS position FROM pg_sequences ORDER BY 1`
    );
    snapshot.sequences = rows.map((row) => `${row.name} ${row.position}`);
    return snapshot;
  } finally {
    await db.close();
  }
}
