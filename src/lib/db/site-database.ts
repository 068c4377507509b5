import { isUuid } from '$lib/domain';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { interactionCollectionSchema, interactionMigrationStrategies } from './collection-schema';
import { interactionConflictHandler } from './conflict-handler';
import { withDescendingIndexReads } from './descending-index-reads';
import { loadMigrationIfNeeded } from './schema-migration';
import type { InteractionDocument } from './local-interaction';

// Only one tab replicates a site; the others wait to be elected (see $lib/sync).
addRxPlugin(RxDBLeaderElectionPlugin);

export type InteractionCollection = RxCollection<InteractionDocument>;
export type AnyRxStorage = RxStorage<unknown, unknown>;

/** One site's local database. */
export interface SiteDatabase {
  siteId: string;
  rxDatabase: RxDatabase<{ interactions: InteractionCollection }>;
  interactions: InteractionCollection;
}

export interface SiteDatabaseOptions {
  siteId: string;
  storage: AnyRxStorage;
  /**
   * Opens a second instance of a site already open in this JavaScript context, as a second tab
   * would have. RxDB allows it only with its dev-mode plugin: for tests, never for the app.
   */
  ignoreDuplicate?: boolean;
  /**
   * Whether other tabs share this database (the default). Off for a test's separate devices in one
   * process, which must not see each other's writes or elect one leader among them.
   */
  multiInstance?: boolean;
  /**
   * Appended to the database name. Only for tests that simulate several devices in one process:
   * the storage shares one connection per database name, whatever IndexedDB it was given.
   */
  deviceSuffix?: string;
}

/** The database name of a site, the same in every tab so that tabs share one database. */
export function siteDatabaseName(siteId: string): string {
  if (!isUuid(siteId)) throw new TypeError(`A site id must be a UUID, not “${siteId}”.`);
  // RxDB names must be lower case; UUIDs compare case-insensitively, so nothing is lost.
  return `ims-site-${siteId.toLowerCase()}`;
}

/** Opens (creating when new) the local database of one site. Callers go through the registry. */
export async function createSiteDatabase(options: SiteDatabaseOptions): Promise<SiteDatabase> {
  const rxDatabase = await createRxDatabase<{ interactions: InteractionCollection }>({
    name: siteDatabaseName(options.siteId) + (options.deviceSuffix ? `-${options.deviceSuffix}` : ''),
    storage: withDescendingIndexReads(options.storage),
    // Other tabs of the same site see each write at once, over RxDB's BroadcastChannel.
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    // Counts that no single index answers (text, or type and lead together) read the rows instead.
    allowSlowCount: true,
    ignoreDuplicate: options.ignoreDuplicate ?? false,
    // A hot module reload in development loses the registry but not the open instance; close it.
    closeDuplicates: !options.ignoreDuplicate
  });
  try {
    // A release that changed the local schema migrates the device's records as it opens them.
    const migrating = await loadMigrationIfNeeded(rxDatabase, { name: 'interactions', schema: interactionCollectionSchema });
    const { interactions } = await rxDatabase.addCollections({
      interactions: {
        schema: interactionCollectionSchema,
        migrationStrategies: interactionMigrationStrategies,
        autoMigrate: migrating,
        conflictHandler: interactionConflictHandler
      }
    });
    // Once the migration code is loaded (another site needed it), RxDB blocks writes to every
    // collection it opens until it has checked that no migration is needed: a write straight after
    // opening would fail (COL25). Waiting for the check costs one read of the stored schema.
    if (interactions.migrationInProgress) await interactions.migratePromise();
    return { siteId: options.siteId.toLowerCase(), rxDatabase, interactions };
  } catch (error) {
    await rxDatabase.close();
    throw error;
  }
}
