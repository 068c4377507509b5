import { join } from 'node:path';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseSettings {
  /** A Postgres connection string; embedded PGlite when absent. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
}

/** Opens the database the settings name: a real Postgres when a URL is given, PGlite otherwise. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) return openPostgresDatabase({ connectionString: settings.databaseUrl });
  return openPgliteDatabase({ dataDir: join(settings.dataDir, 'pglite') });
}
