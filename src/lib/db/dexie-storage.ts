import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { absentKeyReads } from './absent-key-reads';
import { chunkedPuts } from './chunked-puts';
import type { AnyRxStorage } from './site-database';

type DexieSettings = NonNullable<Parameters<typeof getRxStorageDexie>[0]>;

/**
 * RxDB's Dexie storage as the site databases use it: every Dexie database it opens reads batches
 * of mostly absent ids cheaply (absent-key-reads) and writes large batches in chunks that leave
 * the page responsive (chunked-puts). `settings` are Dexie's own; Node tests give fake-indexeddb's
 * `indexedDB` and `IDBKeyRange` there.
 */
export function dexieStorage(settings: DexieSettings = {}): AnyRxStorage {
  return getRxStorageDexie({
    ...settings,
    onCreate: async (dexie, name) => {
      dexie.use(absentKeyReads);
      dexie.use(chunkedPuts);
      await settings.onCreate?.(dexie, name);
    }
  }) as AnyRxStorage;
}
