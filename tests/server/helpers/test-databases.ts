import type { Database } from '../../../sync-server/db/database';
import { openPgliteDatabase } from '../../../sync-server/db/pglite-database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { createThrowawayDatabase } from '../../support/throwaway-database';

export interface TestDatabase {
  /** Which engine, for test names: every server suite runs once per engine. */
  kind: Database['kind'];
  /** Opens a new, empty database; close it with `dispose`. */
  open(): Promise<DisposableDatabase>;
}

export interface DisposableDatabase {
  db: Database;
  /** A connection string for the database, for code that opens its own (Postgres only). */
  url?: string;
  dispose(): Promise<void>;
}

const pglite: TestDatabase = {
  kind: 'pglite',
  async open() {
    const db = await openPgliteDatabase();
    return { db, dispose: () => db.close() };
  }
};

/** A real Postgres, when `TEST_DATABASE_URL` names one: each open creates a throwaway database in it. */
function postgres(adminUrl: string): TestDatabase {
  return {
    kind: 'postgres',
    async open() {
      const database = await createThrowawayDatabase(adminUrl);
      const db = openPostgresDatabase({ connectionString: database.url, maxConnections: 4 });
      return {
        db,
        url: database.url,
        async dispose() {
          await db.close();
          await database.drop();
        }
      };
    }
  };
}

const adminUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; Postgres as well when the environment provides one (CI does). */
export const testDatabases: TestDatabase[] = adminUrl ? [pglite, postgres(adminUrl)] : [pglite];
