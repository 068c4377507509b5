/**
 * The IndexedDB database in which RxDB's Dexie storage keeps a site's interactions: one per
 * collection, named `rxdb-dexie-<RxDB database>--<schema version>--<collection>`. The version
 * changes with the app's local schema, so benchmark pages find the database by the rest of its name.
 */
export async function findInteractionsDatabase(siteId: string): Promise<string | undefined> {
  const prefix = `rxdb-dexie-ims-site-${siteId.toLowerCase()}--`;
  const known = await indexedDB.databases();
  return known.map((database) => database.name ?? '').find((name) => name.startsWith(prefix) && name.endsWith('--interactions'));
}
