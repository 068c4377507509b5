import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../sync-server/db/migrations';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const ADMINISTRATION = 9;

describe.each(testDatabases)('migration 0009 (administration) on $kind', (testDatabase) => {
  let handle: DisposableDatabase;
  beforeEach(async () => {
    handle = await testDatabase.open();
    const before = (await loadMigrations()).filter((migration) => migration.version < ADMINISTRATION);
    await migrate(handle.db, before);
  });
  afterEach(() => handle?.dispose());

  const addUser = (id: string, email: string) =>
    handle.db.query(`INSERT INTO users (id, auth_subject, email, name) VALUES ($1, $2, $3, 'Someone')`, [id, `s|${id}`, email]);

  it('refuses accounts sharing an address ignoring case, naming every such address, and applies nothing', async () => {
    await addUser('05e40000-0000-4000-8000-0000000000b1', 'Ada@Example.org');
    await addUser('05e40000-0000-4000-8000-0000000000b2', 'ada@example.org');
    await addUser('05e40000-0000-4000-8000-0000000000b3', 'ben@example.org');
    await addUser('05e40000-0000-4000-8000-0000000000b4', 'BEN@example.org');
    await addUser('05e40000-0000-4000-8000-0000000000b5', '');
    await addUser('05e40000-0000-4000-8000-0000000000b6', '');

    await expect(migrate(handle.db)).rejects.toThrow(/more than one account: ada@example\.org, ben@example\.org\./);
    const { rows } = await handle.db.query<{ column: string }>(
      `SELECT column_name AS column FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'org_admin'`
    );
    expect(rows).toEqual([]);
  });

  it('applies when addresses are distinct, empty ones aside, and then keeps them unique ignoring case', async () => {
    await addUser('05e40000-0000-4000-8000-0000000000c1', 'ada@example.org');
    await addUser('05e40000-0000-4000-8000-0000000000c2', '');
    await addUser('05e40000-0000-4000-8000-0000000000c3', '');
    await migrate(handle.db);
    await expect(addUser('05e40000-0000-4000-8000-0000000000c4', 'ADA@example.org')).rejects.toThrow();
  });
});
