import { addRxPlugin, getAllCollectionDocuments, type RxDatabase, type RxJsonSchema } from 'rxdb';

/**
 * Whether a site database holds a collection stored under an older version of its schema, which
 * RxDB must migrate as the collection opens. Only then is RxDB's migration code loaded: with the
 * replication internals it brings, it would add 6 KB (gzipped) to every start of the app, for the
 * one start after an upgrade that needs it.
 */
export async function loadMigrationIfNeeded(
  rxDatabase: Pick<RxDatabase, 'internalStore'>,
  collection: { name: string; schema: Pick<RxJsonSchema<unknown>, 'version'> }
): Promise<boolean> {
  const collections = await getAllCollectionDocuments(rxDatabase.internalStore);
  const older = collections.some(
    ({ data }) => data.name === collection.name && data.schema.version < collection.schema.version
  );
  if (older) {
    const { RxDBMigrationSchemaPlugin } = await import('rxdb/plugins/migration-schema');
    addRxPlugin(RxDBMigrationSchemaPlugin);
  }
  return older;
}
