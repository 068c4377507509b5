import type { KeywordSnapshot } from './keyword-engine';

/**
 * Where a site's keyword index is kept between visits: a small IndexedDB database of its own per
 * site, beside (not inside) the site's RxDB database, so that writing a few megabytes of index
 * never holds up the records' own transactions.
 */

/** The position in the site's change stream that an index reflects (RxDB's storage checkpoint). */
export interface ChangeCheckpoint {
  id: string;
  lwt: number;
}

export interface StoredKeywordIndex {
  version: number;
  checkpoint: ChangeCheckpoint | null;
  /** Records in the index when saved: a check that the index is the one described. */
  documentCount: number;
  index: KeywordSnapshot;
}

const STORE = 'keyword';
const KEY = 'index';

export function searchDatabaseName(siteId: string): string {
  return `ims-search-${siteId.toLowerCase()}`;
}

function open(indexedDB: IDBFactory, siteId: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(searchDatabaseName(siteId), 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    // Another tab holds an older version open; it closes it on `versionchange`, so this only waits.
    request.onblocked = () => undefined;
  });
}

async function withStore<T>(
  options: { indexedDB: IDBFactory; siteId: string; mode: IDBTransactionMode },
  use: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
  const database = await open(options.indexedDB, options.siteId);
  database.onversionchange = () => database.close();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, options.mode);
      const request = use(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('The search index write was aborted.'));
    });
  } finally {
    database.close();
  }
}

/** The saved index, or null when there is none. Whatever was saved is returned unchecked. */
export async function loadStoredIndex(indexedDB: IDBFactory, siteId: string): Promise<unknown> {
  return (await withStore({ indexedDB, siteId, mode: 'readonly' }, (store) => store.get(KEY))) ?? null;
}

export async function saveStoredIndex(indexedDB: IDBFactory, siteId: string, stored: StoredKeywordIndex): Promise<void> {
  await withStore({ indexedDB, siteId, mode: 'readwrite' }, (store) => store.put(stored, KEY));
}

/** Deletes the site's search database outright (a purged site leaves nothing behind). */
export function deleteStoredIndex(indexedDB: IDBFactory, siteId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(searchDatabaseName(siteId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Resolves once the other connections close, which they do on `versionchange`.
    request.onblocked = () => undefined;
  });
}
