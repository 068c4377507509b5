import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../sync-server/db/migrations';
import { listHistory } from '../../../sync-server/repositories/interactions-repository';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const SITE = '517e0000-0000-4000-8000-0000000000b1';
const CREATOR = '05e40000-0000-4000-8000-0000000000b1';
const RECORD = '01900000-0000-7000-8000-0000000000b1';

// Migration 0011 on a database with records and history written before it.
describe.each(testDatabases)('migration 0011 (record provenance) on $kind', (testDatabase) => {
  let handle: DisposableDatabase;

  beforeEach(async () => {
    handle = await testDatabase.open();
    const all = await loadMigrations();
    await migrate(
      handle.db,
      all.filter((migration) => migration.version < 11)
    );
    await handle.db.query(`INSERT INTO sites (id, name) VALUES ($1, 'Before')`, [SITE]);
    await handle.db.query(`INSERT INTO users (id, auth_subject, email, name) VALUES ($1, 'dev|b', 'b@example.org', 'Bea Old')`, [
      CREATOR
    ]);
    await handle.db.query(
      `INSERT INTO interactions (id, site_id, title, type, lead, start_datetime, end_datetime, timezone, description, created_by, crdt)
       VALUES ($1, $2, 'Old', 'Meeting', 'Bea', now(), now(), 'UTC', 'Written before 0011.', $3, '\\x00')`,
      [RECORD, SITE, CREATOR]
    );
    await handle.db.query(
      `INSERT INTO interaction_history (interaction_id, site_id, user_id, action, changed_fields, authored_at)
       VALUES ($1, $2, $3, 'update', ARRAY['title', 'lead'], now())`,
      [RECORD, SITE, CREATOR]
    );
  });
  afterEach(() => handle?.dispose());

  it('makes each record’s creator its last changer, and moves it up the sync order so devices learn the names', async () => {
    const before = await handle.db.query<{ xid: string }>('SELECT sync_xid::text AS xid FROM interactions WHERE id = $1', [RECORD]);
    await migrate(handle.db);
    const { rows } = await handle.db.query<{ updatedBy: string; xid: string }>(
      'SELECT updated_by AS "updatedBy", sync_xid::text AS xid FROM interactions WHERE id = $1',
      [RECORD]
    );
    expect(rows[0].updatedBy).toBe(CREATOR);
    expect(BigInt(rows[0].xid)).toBeGreaterThan(BigInt(before.rows[0].xid));
    await expect(
      handle.db.query(`UPDATE interactions SET updated_by = NULL WHERE id = $1`, [RECORD])
    ).rejects.toThrow(/null/i);
  });

  it('keeps an old history entry’s changed fields, with no changes, since no values were recorded', async () => {
    await migrate(handle.db);
    const [entry] = await listHistory(handle.db, RECORD);
    expect(entry).toMatchObject({
      changedFields: ['title', 'lead'],
      changes: [],
      user: { id: CREATOR, name: 'Bea Old' }
    });
  });
});
