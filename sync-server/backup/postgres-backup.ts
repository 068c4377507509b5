import type { Database } from '../db/database';
import { openPostgresDatabase } from '../db/postgres-database';
import { BackupError } from './backup-error';
import { assertBackupFormat } from './backup-format';
import { fileSize, writeWhole } from './backup-files';
import { describeContents, userTables } from './database-contents';
import { databaseLabel, runPgTool, tableInProgress } from './pg-tools';

export interface PostgresBackupOptions {
  databaseUrl: string;
  file: string;
  log: (line: string) => void;
}

export interface PostgresRestoreOptions extends PostgresBackupOptions {
  /** Replace the contents of a database that is not empty. */
  force: boolean;
}

/**
 * `pg_dump` in its custom format: one consistent snapshot, taken while the servers keep running.
 */
export async function backupPostgres({ databaseUrl, file, log }: PostgresBackupOptions): Promise<void> {
  log(`Backing up ${databaseLabel(databaseUrl)}: ${await withDatabase(databaseUrl, describeContents)}.`);
  await writeWhole(file, async (partial) => {
    await runPgTool({
      tool: 'pg_dump',
      databaseUrl,
      args: ['--format=custom', '--verbose', `--file=${partial}`],
      onProgress: progressTo(log)
    });
  });
  log(`Wrote ${file} (${await fileSize(file)}).`);
}

/**
 * `pg_restore` in one transaction, after the whole archive has been read once without touching any
 * database: a truncated or foreign file is refused before anything is dropped, and a restore that
 * fails halfway leaves the database as it was.
 */
export async function restorePostgres({ databaseUrl, file, force, log }: PostgresRestoreOptions): Promise<void> {
  await assertBackupFormat(file, 'postgres');
  log(`Checking ${file}…`);
  const contents = await runPgTool({ tool: 'pg_restore', args: ['--list', file] });
  if (!/ TABLE DATA \S+ schema_migrations /.test(contents)) {
    throw new BackupError(`${file} is a pg_dump archive, but not of this application's database: it has no schema_migrations table.`);
  }
  // Reading every data block to nowhere is what finds a truncated archive: its table of contents,
  // at the front, survives truncation.
  await runPgTool({ tool: 'pg_restore', args: ['--file=/dev/null', file] });

  const label = databaseLabel(databaseUrl);
  const existing = await withDatabase(databaseUrl, userTables);
  if (existing.length > 0 && !force) {
    throw new BackupError(
      `${label} is not empty: it has ${existing.length} tables (${summarise(existing)}). Restoring would mix the backup ` +
        'into data that is already there. Restore into a new, empty database (createdb), or add --force to replace its contents.'
    );
  }
  log(existing.length > 0 ? `Replacing the contents of ${label}…` : `Restoring into ${label}…`);
  await runPgTool({
    tool: 'pg_restore',
    databaseUrl,
    args: [
      '--verbose',
      '--exit-on-error',
      '--single-transaction',
      // The backup's roles and grants may not exist here; objects belong to whoever restores.
      '--no-owner',
      '--no-acl',
      ...(existing.length > 0 ? ['--clean', '--if-exists'] : []),
      file
    ],
    onProgress: progressTo(log)
  });
  log(`Restored: ${await withDatabase(databaseUrl, describeContents)}.`);
}

async function withDatabase<T>(databaseUrl: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = openPostgresDatabase({ connectionString: databaseUrl, maxConnections: 1 });
  try {
    return await work(db);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${databaseLabel(databaseUrl)}: ${(error as Error).message}`);
  } finally {
    await db.close();
  }
}

function progressTo(log: (line: string) => void): (line: string) => void {
  return (line) => {
    const table = tableInProgress(line);
    if (table) log(`  ${table}`);
  };
}

function summarise(names: string[]): string {
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown}, …` : shown;
}
