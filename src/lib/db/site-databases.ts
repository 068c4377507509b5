import { removeRxDatabase } from 'rxdb';
import { dexieStorage } from './dexie-storage';
import { deleteIndexedDbDatabases } from './indexeddb-cleanup';
import { failOnFullStorage } from './storage-full';
import { createSiteDatabase, siteDatabaseName, type AnyRxStorage, type SiteDatabase } from './site-database';

/**
 * The databases open in this tab, by name, so each site is opened once however many components
 * ask for it. Holding the promise, not the database, makes two concurrent first calls share one open.
 */
const openDatabases = new Map<string, Promise<SiteDatabase>>();
let configured: LocalDatabasesConfig | undefined;

export interface LocalDatabasesConfig {
  storage: AnyRxStorage;
  /** Where the storage keeps its data, so a removed site's databases can be deleted outright. */
  indexedDB?: IDBFactory;
}

function config(): LocalDatabasesConfig {
  configured ??= { storage: dexieStorage(), indexedDB: globalThis.indexedDB };
  return configured;
}

/**
 * Chooses the storage of every site database; the browser's IndexedDB through Dexie when never
 * called. Node tests pass `dexieStorage({ indexedDB, IDBKeyRange })` and that `indexedDB`
 * from fake-indexeddb.
 */
export function configureLocalDatabases(options: LocalDatabasesConfig): void {
  if (openDatabases.size > 0) {
    throw new Error('Configure the local databases before opening any: open ones keep their storage.');
  }
  configured = options;
}

/** The site's local database, opened on first use and shared by every caller in this tab. */
export function openSiteDatabase(siteId: string): Promise<SiteDatabase> {
  const name = siteDatabaseName(siteId);
  let opening = openDatabases.get(name);
  if (!opening) {
    opening = failOnFullStorage(() => createSiteDatabase({ siteId, storage: config().storage }));
    openDatabases.set(name, opening);
    // A failed open is forgotten so that the next call tries again instead of failing forever.
    const attempt = opening;
    attempt.catch(() => {
      if (openDatabases.get(name) === attempt) openDatabases.delete(name);
    });
  }
  return opening;
}

/** Closes the site's database in this tab; its data stays on the device. */
export function closeSiteDatabase(siteId: string): Promise<void> {
  return closeDatabaseNamed(siteDatabaseName(siteId));
}

export async function closeAllSiteDatabases(): Promise<void> {
  await Promise.all([...openDatabases.keys()].map(closeDatabaseNamed));
}

async function closeDatabaseNamed(name: string): Promise<void> {
  const opening = openDatabases.get(name);
  if (!opening) return;
  openDatabases.delete(name);
  const database = await opening.catch(() => undefined);
  await database?.rxDatabase.close();
}

/**
 * Deletes everything this device holds for the site: unsynced changes included, so callers warn
 * first (see countUnsynced). This is also how a site whose access was revoked is purged.
 */
export async function removeSiteDatabase(siteId: string): Promise<void> {
  const name = siteDatabaseName(siteId);
  const { storage, indexedDB } = config();
  await closeSiteDatabase(siteId);
  await removeRxDatabase(name, storage);
  if (indexedDB) await deleteIndexedDbDatabases(indexedDB, name);
}
