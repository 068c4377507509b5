import { interactionCollectionSchema } from './collection-schema';

/**
 * Deletes the IndexedDB databases that RxDB's Dexie storage made for one RxDB database. RxDB's
 * own removal empties them but leaves them on the device, still named after the site.
 */
export async function deleteIndexedDbDatabases(factory: IDBFactory, rxDatabaseName: string): Promise<void> {
  // The site id has a fixed length, so this prefix never matches another site's databases.
  const prefix = `rxdb-dexie-${rxDatabaseName}--`;
  const listed = await factory.databases?.();
  const names = listed
    ? listed.flatMap(({ name }) => (name?.startsWith(prefix) ? [name] : []))
    : [`${prefix}0--_rxdb_internal`, `${prefix}${interactionCollectionSchema.version}--interactions`];
  await Promise.all(names.map((name) => deleteDatabase(factory, name)));
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // While another tab holds a connection this waits: Dexie there closes it on `versionchange`.
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
