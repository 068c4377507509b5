/**
 * bulk-put.js: the baseline of the initial sync. The records the app stored while syncing are
 * read back from RxDB's Dexie database and written again with a single Dexie `bulkPut` into a new
 * database with the same store schema: the storage work alone, no network, no RxDB, no UI.
 */
import Dexie from 'dexie';
import { findInteractionsDatabase } from '../../lib/app-dexie-database';
import type { BenchBulkPut, BulkPutTiming, LeanerStore } from './page-api';

const DOCS = 'docs';

/** The app's store as Dexie declares it: primary key first, then every index. */
function storeSchemaOf(database: Dexie): string {
  const { primKey, indexes } = database.table(DOCS).schema;
  return [primKey.src, ...indexes.map((index) => index.src)].join(',');
}

// The Finder's default order (start, newest first) reads this index of the app's store.
const DEFAULT_SORT_INDEX = '[_deleted+isDeleted+startDatetime+id]';

/** Writes the records with one bulkPut into a new store of this schema; ms until the commit. */
async function timedBulkPut(storeSchema: string, records: unknown[]): Promise<number> {
  const name = `ims-bench-bulk-put-${Date.now()}`;
  const throwaway = new Dexie(name);
  throwaway.version(1).stores({ [DOCS]: storeSchema });
  await throwaway.open();
  try {
    const table = throwaway.table(DOCS);
    const started = performance.now();
    // An explicit transaction, so the time runs until the commit, as RxDB's writes do.
    await throwaway.transaction('rw', table, () => table.bulkPut(records));
    const ms = performance.now() - started;
    const stored = await throwaway.table(DOCS).count();
    if (stored !== records.length) throw new Error(`the baseline stored ${stored} records, not ${records.length}`);
    return ms;
  } finally {
    throwaway.close();
    await Dexie.delete(name);
  }
}

const bulkPut: BenchBulkPut = {
  async run({ siteId, expected }) {
    // No version given: Dexie opens the database as it is and reads its schema.
    const appDatabase = await findInteractionsDatabase(siteId);
    if (!appDatabase) throw new Error('the app stored no database for the site');
    const app = new Dexie(appDatabase);
    await app.open();
    const storeSchema = storeSchemaOf(app);
    const records = await app.table(DOCS).toArray();
    app.close();
    if (records.length !== expected) throw new Error(`the app stored ${records.length} records, not ${expected}`);

    const ms = await timedBulkPut(storeSchema, records);
    const primaryKey = storeSchema.split(',')[0];
    const leanerSchemas: [LeanerStore, string][] = [
      ['no secondary index', primaryKey],
      ['Finder default sort index only', `${primaryKey},${DEFAULT_SORT_INDEX}`]
    ];
    const leaner: BulkPutTiming['leaner'] = [];
    for (const [store, schema] of leanerSchemas) leaner.push({ store, ms: await timedBulkPut(schema, records) });
    return { ms, documents: records.length, storeSchema, leaner };
  }
};

window.imsBenchBulkPut = bulkPut;
