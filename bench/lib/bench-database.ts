import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseKind } from '../../sync-server/db/database';
import type { DatabaseSettings } from '../../sync-server/db/open-database';
import type { Cleanup } from './cleanup';
import type { BenchSettings } from './settings';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** One line for the output: which database, and whether it will be dropped. */
  description: string;
  /** Where both the seeding code and the server process find it (see `openDatabase`). */
  settings: DatabaseSettings;
}

const CONNECT_TIMEOUT_MS = 3_000;

/**
 * The database a suite seeds and serves: BENCH_DATABASE_URL as given, else a temporary database on
 * the local Postgres (dropped by `cleanup`, even after a failure), else embedded PGlite in
 * `dataDir`, which measures a very different engine and says so.
 */
export async function provisionDatabase(options: {
  settings: BenchSettings;
  dataDir: string;
  cleanup: Cleanup;
}): Promise<BenchDatabase> {
  const { settings, dataDir, cleanup } = options;
  if (settings.databaseUrl) {
    return {
      kind: 'postgres',
      description: `Postgres from BENCH_DATABASE_URL (${redact(settings.databaseUrl)}), kept`,
      settings: { databaseUrl: settings.databaseUrl, dataDir }
    };
  }

  const unreachable = await probe(settings.adminUrl);
  if (unreachable) {
    return {
      kind: 'pglite',
      description:
        `PGlite (embedded, single connection) in ${dataDir}: NO POSTGRES at ${redact(settings.adminUrl)} ` +
        `(${unreachable}); figures are not comparable with the Postgres targets`,
      settings: { dataDir }
    };
  }

  // Hex only, so the name can go into DDL, which takes no parameters.
  const name = `ims_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(settings.adminUrl, `CREATE DATABASE ${name}`);
  // FORCE: a server process that failed to stop must not keep the database alive.
  cleanup.add(`drop database ${name}`, () => adminQuery(settings.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(settings.adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    description: `temporary Postgres database ${name} on ${url.host}, dropped at the end`,
    settings: { databaseUrl: url.toString(), dataDir }
  };
}

/** Why the server at `url` cannot be used, or undefined when it can. */
async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
