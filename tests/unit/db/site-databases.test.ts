import { USER_ID, indexedDB, newSiteId, testStorage } from './local-databases';
import { describe, expect, it } from 'vitest';
import { closeSiteDatabase, configureLocalDatabases, countUnsynced, openSiteDatabase, queryInteractions, removeSiteDatabase, siteDatabaseName } from '$lib/db';
import { createInteraction, deleteInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { validFields } from '../../support/valid-fields';

async function indexedDbNamesOf(siteId: string): Promise<string[]> {
  const databases = await indexedDB.databases();
  return databases.map((database) => database.name ?? '').filter((name) => name.includes(siteDatabaseName(siteId)));
}

describe('site databases', () => {
  it('names each site database after the site', () => {
    expect(siteDatabaseName('0190C0DE-0000-7000-8000-00000000000A')).toBe(
      'ims-site-0190c0de-0000-7000-8000-00000000000a'
    );
    expect(() => siteDatabaseName('../other')).toThrow(TypeError);
  });

  it('opens a site once per tab, however many callers ask at the same time', async () => {
    const siteId = newSiteId();
    const [first, second] = await Promise.all([openSiteDatabase(siteId), openSiteDatabase(siteId)]);
    expect(second).toBe(first);
    expect(await openSiteDatabase(siteId)).toBe(first);
  });

  it('keeps the data when a site is closed and opened again', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    await closeSiteDatabase(siteId);

    const page = await queryInteractions({ siteIds: [siteId], limit: 10 });
    expect(page.rows.map((row) => row.id)).toEqual([created.id]);
  });

  it('removes every trace of a site, and an empty database opens in its place', async () => {
    const siteId = newSiteId();
    const otherSite = newSiteId();
    await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    await createInteraction({ siteId: otherSite, userId: USER_ID, fields: validFields() });
    expect(await indexedDbNamesOf(siteId)).not.toEqual([]);

    await removeSiteDatabase(siteId);

    expect(await indexedDbNamesOf(siteId)).toEqual([]);
    expect(await queryInteractions({ siteIds: [siteId], limit: 10 })).toEqual({ rows: [], total: 0 });
    expect(await countUnsynced(siteId)).toBe(0);
    expect((await queryInteractions({ siteIds: [otherSite], limit: 10 })).total).toBe(1);
  });

  it('refuses a new storage while databases are open', async () => {
    await openSiteDatabase(newSiteId());
    expect(() => configureLocalDatabases({ storage: testStorage() })).toThrow(/before opening/);
  });
});

describe('countUnsynced', () => {
  it('counts records changed here and not yet synced, tombstones included', async () => {
    const siteId = newSiteId();
    expect(await countUnsynced(siteId)).toBe(0);
    const first = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    const second = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    await updateInteraction({ siteId, id: first.id, patch: { title: 'Changed' } });
    await deleteInteraction({ siteId, id: second.id });
    expect(await countUnsynced(siteId)).toBe(2);

    // What replication will do once the server has accepted a change.
    const { interactions } = await openSiteDatabase(siteId);
    await (await interactions.findOne(first.id).exec())!.incrementalPatch({ pendingSync: false, serverSeq: 1 });

    expect(await countUnsynced(siteId)).toBe(1);
  });
});
