import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../project-files';
import type { Database } from './database';

export { MIGRATIONS_DIR };

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_KEY = 7_240_301;
const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Reads `NNNN_name.sql` files in version order. Other files in the folder are an error. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of files) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new MigrationError(`Migration file “${name}” is not named NNNN_description.sql.`);
    const sql = await readFile(join(dir, name), 'utf8');
    migrations.push({ version: Number(match[1]), name, sql, checksum: sha256(sql) });
  }
  const versions = migrations.map((m) => m.version);
  const duplicate = versions.find((v, i) => versions.indexOf(v) !== i);
  if (duplicate !== undefined) throw new MigrationError(`Two migration files share version ${duplicate}.`);
  return migrations;
}

/**
 * Applies the pending migrations in order, each in its own transaction together with the row that
 * records it, so a failed file leaves nothing half-done. Refuses to go on when a file that was
 * applied has changed since: the database would no longer match what the files describe.
 * Safe to run from several processes at once: an advisory lock lets one apply each file.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrationReport> {
  const files = migrations ?? (await loadMigrations());
  // Two processes starting at once would race on CREATE TABLE IF NOT EXISTS; the lock serialises them.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum char(64) NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  });
  const applied = await db.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version'
  );
  verifyApplied(files, applied.rows);

  const report: MigrationReport = { applied: [], alreadyApplied: applied.rows.length };
  for (const migration of files) {
    if (applied.rows.some((row) => row.version === migration.version)) continue;
    const appliedNow = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Another process may have applied it while this one waited for the lock.
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version
      ]);
      if (rows.length > 0) return false;
      // A migration may rewrite a large table; the server's statement timeout is for requests.
      await tx.exec('SET LOCAL statement_timeout = 0');
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum
      ]);
      return true;
    });
    if (appliedNow) report.applied.push(migration.name);
    else report.alreadyApplied++;
  }
  return report;
}

function verifyApplied(files: Migration[], applied: { version: number; name: string; checksum: string }[]): void {
  for (const row of applied) {
    const file = files.find((migration) => migration.version === row.version);
    if (!file) {
      throw new MigrationError(
        `Migration ${row.name} is applied to the database but its file is missing from the migrations folder.`
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was changed after it was applied. ` +
          'Restore the file and add a new migration for the change instead.'
      );
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
