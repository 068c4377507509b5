import { join } from 'node:path';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export interface DatabaseSettings {
  /** A Postgres connection string; embedded PGlite when absent. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files. */
  dataDir: string;
  /** Postgres only: the pool's size, and the statement timeout of its connections (0: none). */
  poolSize?: number;
  statementTimeoutMs?: number;
}

/** Opens the database the settings name: a real Postgres when a URL is given, PGlite otherwise. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) {
    return openPostgresDatabase({
      connectionString: settings.databaseUrl,
      maxConnections: settings.poolSize,
      statementTimeoutMs: settings.statementTimeoutMs
    });
  }
  return openPgliteDatabase({ dataDir: pgliteFolder(settings.dataDir) });
}

/** Where PGlite keeps its files inside DATA_DIR. */
export function pgliteFolder(dataDir: string): string {
  return join(dataDir, 'pglite');
}
