import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../../sync-server/db/database';
import { openPgliteDatabase } from '../../../sync-server/db/pglite-database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';

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
      const name = `ims_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = openPostgresDatabase({ connectionString: url.toString(), maxConnections: 4 });
      return {
        db,
        url: url.toString(),
        async dispose() {
          await db.close();
          await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      };
    }
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const adminUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; Postgres as well when the environment provides one (CI does). */
export const testDatabases: TestDatabase[] = adminUrl ? [pglite, postgres(adminUrl)] : [pglite];
