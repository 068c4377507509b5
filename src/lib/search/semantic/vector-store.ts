/** What is kept per record: its vectors (one per chunk) and what they were computed from. */
export interface StoredVectors {
  id: string;
  /** The model that computed them: vectors of another model live in another space. */
  modelId: string;
  /** The hash of the text they came from (see record-text.ts). */
  textHash: string;
  dims: number;
  /** One row of `dims` numbers per chunk, end to end. */
  vectors: Float32Array;
}

/** One site's stored vectors: a small IndexedDB database of its own, apart from the site's RxDB one. */
export interface VectorStore {
  all(): Promise<StoredVectors[]>;
  putMany(entries: StoredVectors[]): Promise<void>;
  deleteMany(ids: string[]): Promise<void>;
  close(): void;
}

const STORE = 'vectors';

/** The IndexedDB database name of a site's vectors; per site, so a purge deletes it whole. */
export function vectorDatabaseName(siteId: string): string {
  return `ims-vectors-${siteId.toLowerCase()}`;
}

export async function openVectorStore(factory: IDBFactory, siteId: string): Promise<VectorStore> {
  const request = factory.open(vectorDatabaseName(siteId), 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
  const db = await settle(request);
  // Another tab deleting this site (a purge) must not wait on us: let go at once.
  db.onversionchange = () => db.close();

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
    all: () => settle(db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<StoredVectors[]>),
    putMany: (entries) => write((store) => entries.forEach((entry) => store.put(entry))),
    deleteMany: (ids) => write((store) => ids.forEach((id) => store.delete(id))),
    close: () => db.close()
  };
}

/** Deletes a site's vectors from the device. Open connections in other tabs close themselves. */
export function deleteVectorStore(factory: IDBFactory, siteId: string): Promise<void> {
  return settle(factory.deleteDatabase(vectorDatabaseName(siteId))).then(() => undefined);
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
