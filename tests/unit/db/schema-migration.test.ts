import { USER_ID, newSiteId, testStorage } from './local-databases';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { closeSiteDatabase, countUnsynced, openSiteDatabase, queryInteractions, siteDatabaseName, type InteractionDocument } from '$lib/db';
import { createInteraction } from '$lib/db/interaction-writes';
import { interactionMigrationStrategies } from '$lib/db/collection-schema';
import schemaVersion0 from './fixtures/interaction-schema-v0.json';
import schemaVersion1 from './fixtures/interaction-schema-v1.json';
import schemaVersion2 from './fixtures/interaction-schema-v2.json';
import { validFields } from '../../support/valid-fields';

/** Version 0 kept an inverted key per descending sort; any text within its limits will do here. */
const VERSION_0_SORT_KEYS = {
  startDatetimeDesc: 'a',
  titleDesc: 'b',
  typeDesc: 'c',
  leadDesc: 'd',
  locationDesc: 'e',
  updatedAtDesc: 'f'
};

/** A current record without what version 2 added: who last changed it and both names. */
function withoutProvenance({ createdByName: _c, updatedBy: _u, updatedByName: _n, ...record }: InteractionDocument) {
  return record;
}

/** Records as the current version stores them, made in a site of their own and read back. */
async function currentRecords(count: number): Promise<InteractionDocument[]> {
  const siteId = newSiteId();
  const records: InteractionDocument[] = [];
  for (let i = 0; i < count; i++) {
    await createInteraction({ siteId, userId: USER_ID, fields: validFields({ title: `Visit ${i}`, location: i % 2 ? null : `Room ${i}` }) });
  }
  const { interactions } = await openSiteDatabase(siteId);
  for (const document of await interactions.find().exec()) records.push(document.toMutableJSON() as InteractionDocument);
  await closeSiteDatabase(siteId);
  return records;
}

describe('local schema migration', () => {
  it('carries a version 0 database over, records and unsynced changes intact', async () => {
    const records = await currentRecords(6);
    const siteId = newSiteId();
    const old = await createRxDatabase({ name: siteDatabaseName(siteId), storage: testStorage(), multiInstance: false });
    await old.addCollections({ interactions: { schema: schemaVersion0 as unknown as RxJsonSchema<InteractionDocument> } });
    await old.interactions.bulkInsert(
      records.map((record, i) => ({
        ...withoutProvenance(record),
        pendingSync: i < 2,
        sortKeys: { locationAsc: record.sortKeys.locationAsc, ...VERSION_0_SORT_KEYS }
      }))
    );
    await old.close();

    const { interactions } = await openSiteDatabase(siteId);
    const migrated = (await interactions.find().exec()).map((document) => document.toMutableJSON() as InteractionDocument);
    const strip = ({ _meta, _rev, ...record }: InteractionDocument & { _meta?: unknown; _rev?: unknown }) => record;
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(migrated.map(strip).sort(byId)).toEqual(
      records.map((record, i) => ({ ...strip(record), pendingSync: i < 2 })).sort(byId)
    );
    expect(await countUnsynced(siteId)).toBe(2);
    const page = await queryInteractions({ siteIds: [siteId], sort: { field: 'location', descending: true }, limit: 10 });
    expect(page.total).toBe(6);
    expect(page.rows[0].location).toBe('Room 4');
  });

  it('carries a version 1 database over: unsynced edits kept, the creator as last changer until the server says', async () => {
    const records = await currentRecords(4);
    const siteId = newSiteId();
    const old = await createRxDatabase({ name: siteDatabaseName(siteId), storage: testStorage(), multiInstance: false });
    // Once the migration code is loaded (by the test above), RxDB wants a strategy per earlier version.
    await old.addCollections({
      interactions: {
        schema: schemaVersion1 as unknown as RxJsonSchema<InteractionDocument>,
        migrationStrategies: { 1: interactionMigrationStrategies[1] }
      }
    });
    const { error } = await old.interactions.bulkInsert(
      records.map((record, i) => ({ ...withoutProvenance(record), pendingSync: i < 3, sortKeys: { locationAsc: record.sortKeys.locationAsc } }))
    );
    expect(error).toEqual([]);
    await old.close();

    const { interactions } = await openSiteDatabase(siteId);
    const migrated = (await interactions.find().exec()).map((document) => document.toMutableJSON() as InteractionDocument);
    expect(migrated).toHaveLength(4);
    for (const record of migrated) {
      const before = records.find((candidate) => candidate.id === record.id)!;
      expect(record.crdt).toBe(before.crdt);
      expect(record).toMatchObject({ updatedBy: before.createdBy, createdByName: '', updatedByName: '' });
    }
    expect(await countUnsynced(siteId)).toBe(3);
  });

  it('carries a version 2 database over, sorting by title and lead through their bounded keys', async () => {
    const records = await currentRecords(3);
    const siteId = newSiteId();
    const old = await createRxDatabase({ name: siteDatabaseName(siteId), storage: testStorage(), multiInstance: false });
    await old.addCollections({
      interactions: {
        schema: schemaVersion2 as unknown as RxJsonSchema<InteractionDocument>,
        migrationStrategies: { 1: interactionMigrationStrategies[1], 2: interactionMigrationStrategies[2] }
      }
    });
    const { error } = await old.interactions.bulkInsert(
      records.map((record, i) => ({ ...record, pendingSync: i === 0, sortKeys: { locationAsc: record.sortKeys.locationAsc } }))
    );
    expect(error).toEqual([]);
    await old.close();

    const { interactions } = await openSiteDatabase(siteId);
    const migrated = (await interactions.find().exec()).map((document) => document.toMutableJSON() as InteractionDocument);
    for (const record of migrated) {
      const before = records.find((candidate) => candidate.id === record.id)!;
      expect(record.sortKeys).toEqual(before.sortKeys);
      expect(record.crdt).toBe(before.crdt);
    }
    expect(await countUnsynced(siteId)).toBe(1);
    const page = await queryInteractions({ siteIds: [siteId], sort: { field: 'title', descending: true }, limit: 10 });
    expect(page.rows.map((row) => row.title)).toEqual(['Visit 2', 'Visit 1', 'Visit 0']);
  });
});
