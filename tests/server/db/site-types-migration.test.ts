import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../sync-server/db/migrations';
import { findSite, insertSite } from '../../../sync-server/repositories/sites-repository';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const OLD_DEFAULT_SITE = '517e0000-0000-4000-8000-0000000000c1';
const OWN_TYPES_SITE = '517e0000-0000-4000-8000-0000000000c2';
const NEW_SITE = '517e0000-0000-4000-8000-0000000000c3';

// Migration 0013: a site's interaction types no longer default to a list copied into the schema.
describe.each(testDatabases)('migration 0013 (site types without default) on $kind', (testDatabase) => {
  let handle: DisposableDatabase;

  beforeEach(async () => {
    handle = await testDatabase.open();
  });
  afterEach(() => handle?.dispose());

  it('keeps the types of the sites made before it', async () => {
    const all = await loadMigrations();
    await migrate(
      handle.db,
      all.filter((migration) => migration.version < 13)
    );
    await handle.db.query(`INSERT INTO sites (id, name) VALUES ($1, 'Defaulted')`, [OLD_DEFAULT_SITE]);
    await handle.db.query(`INSERT INTO sites (id, name, interaction_types) VALUES ($1, 'Own', ARRAY['Clinic', 'Home visit'])`, [
      OWN_TYPES_SITE
    ]);

    await migrate(handle.db);

    // The list 0001 wrote into the column's default.
    const defaulted = ['Meeting', 'Call', 'Email', 'Site visit', 'Workshop', 'Other'];
    expect((await findSite(handle.db, OLD_DEFAULT_SITE))?.interactionTypes).toEqual(defaulted);
    expect((await findSite(handle.db, OWN_TYPES_SITE))?.interactionTypes).toEqual(['Clinic', 'Home visit']);
  });

  it('refuses a site inserted without its types, naming the column', async () => {
    await migrate(handle.db);
    await expect(handle.db.query(`INSERT INTO sites (id, name) VALUES ($1, 'Forgotten')`, [NEW_SITE])).rejects.toMatchObject({
      code: '23502',
      message: expect.stringContaining('interaction_types')
    });
  });

  it('stores the types insertSite is given, and the creation time a seed names', async () => {
    await migrate(handle.db);
    await insertSite(handle.db, {
      id: NEW_SITE,
      name: 'Seeded',
      description: null,
      timeZone: 'Europe/London',
      interactionTypes: ['Clinic'],
      createdAt: '2024-10-01T08:00:00.000Z'
    });
    expect(await findSite(handle.db, NEW_SITE)).toMatchObject({ interactionTypes: ['Clinic'], createdAt: '2024-10-01T08:00:00.000Z' });
  });
});
