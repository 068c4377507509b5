// Test setup for the local database: import it first in every test file of this folder.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach } from 'vitest';
import { uuidv7 } from '$lib/domain';
import { closeAllSiteDatabases, configureLocalDatabases } from '$lib/db';
import { dexieStorage } from '$lib/db/dexie-storage';
import type { AnyRxStorage } from '$lib/db/site-database';

// Dev-mode checks the schema and every query, and makes a second instance of one database
// possible (a second tab); schema validation checks every stored record. Neither ships in the app.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

export { indexedDB };

export function testStorage(): AnyRxStorage {
  return wrappedValidateAjvStorage({ storage: dexieStorage({ indexedDB, IDBKeyRange }) }) as AnyRxStorage;
}

configureLocalDatabases({ storage: testStorage(), indexedDB });

afterEach(async () => {
  await closeAllSiteDatabases();
});

/** A site of its own, so tests never see each other's rows. */
export function newSiteId(): string {
  return uuidv7();
}

export const USER_ID = '0190c0de-0000-7000-8000-000000000001';

