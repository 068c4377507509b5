import { quantizeRows, type QuantizedRows } from './vector-quantization';

/** What is kept per record: its vectors (one row per chunk, quantized) and what they were computed from. */
export interface StoredVectors extends QuantizedRows {
  id: string;
  /** The model that computed them: vectors of another model live in another space. */
  modelId: string;
  /** The hash of the text they came from (see record-text.ts). */
  textHash: string;
  dims: number;
}

/** An entry as version 1 of the store kept it: float32 rows, four times the size. */
interface Float32StoredVectors extends Omit<StoredVectors, keyof QuantizedRows> {
  vectors: Float32Array;
}

/** One site's stored vectors: a small IndexedDB database of its own, apart from the site's RxDB one. */
export interface VectorStore {
  count(): Promise<number>;
  /** Every entry, `size` at a time in key order, so no single read holds the whole site. */
  pages(size: number): AsyncGenerator<StoredVectors[]>;
  putMany(entries: StoredVectors[]): Promise<void>;
  deleteMany(ids: string[]): Promise<void>;
  close(): void;
}

/** IndexedDB as a worker has it; Node tests give fake-indexeddb's. */
export interface IndexedDBApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

const STORE = 'vectors';
// 2: int8 rows with a scale per row, converted from version 1's float32 rows on upgrade.
const VERSION = 2;

/** The IndexedDB database name of a site's vectors; per site, so a purge deletes it whole. */
export function vectorDatabaseName(siteId: string): string {
  return `ims-vectors-${siteId.toLowerCase()}`;
}

export async function openVectorStore(api: IndexedDBApi, siteId: string): Promise<VectorStore> {
  const request = api.indexedDB.open(vectorDatabaseName(siteId), VERSION);
  request.onupgradeneeded = ({ oldVersion }) => {
    if (oldVersion < 1) request.result.createObjectStore(STORE, { keyPath: 'id' });
    else if (oldVersion < 2) quantizeInPlace((request.transaction as IDBTransaction).objectStore(STORE));
  };
  const db = await settle(request);
  // Another tab deleting this site (a purge) must not wait on us: let go at once.
  db.onversionchange = () => db.close();

  const read = () => db.transaction(STORE).objectStore(STORE);
  const write = (apply: (store: IDBObjectStore) => void) => {
    const transaction = db.transaction(STORE, 'readwrite');
    apply(transaction.objectStore(STORE));
    return new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('The vector store write was aborted.'));
    });
  };
  return {
    count: () => settle(read().count()),
    async *pages(size) {
      let after: IDBValidKey | undefined;
      for (;;) {
        // Each page is its own transaction: one may not stay open while the caller works.
        const range = after === undefined ? undefined : api.IDBKeyRange.lowerBound(after, true);
        const page = await settle(read().getAll(range, size) as IDBRequest<StoredVectors[]>);
        if (page.length > 0) yield page;
        if (page.length < size) return;
        after = page[page.length - 1].id;
      }
    },
    putMany: (entries) => write((store) => entries.forEach((entry) => store.put(entry))),
    deleteMany: (ids) => write((store) => ids.forEach((id) => store.delete(id))),
    close: () => db.close()
  };
}

/** Deletes a site's vectors from the device. Open connections in other tabs close themselves. */
export function deleteVectorStore(factory: IDBFactory, siteId: string): Promise<void> {
  return settle(factory.deleteDatabase(vectorDatabaseName(siteId))).then(() => undefined);
}

/** Version 1's float32 entries, rewritten as int8 in the upgrade: the vectors are kept, not embedded again. */
function quantizeInPlace(store: IDBObjectStore): void {
  store.openCursor().onsuccess = (event) => {
    const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
    if (!cursor) return;
    const { vectors, ...entry } = cursor.value as Float32StoredVectors;
    cursor.update({ ...entry, ...quantizeRows(vectors, entry.dims) } satisfies StoredVectors);
    cursor.continue();
  };
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
