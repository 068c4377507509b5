import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatabaseKind } from '../db/database';
import { pgliteFolder } from '../db/open-database';
import { backupPglite, restorePglite } from './pglite-backup';
import { backupPostgres, restorePostgres } from './postgres-backup';

/** The database the server is configured for: Postgres when a URL is given, PGlite in DATA_DIR otherwise. */
export interface BackupTarget {
  databaseUrl?: string;
  dataDir: string;
}

export interface BackupOptions {
  /** Where to write; `backups/ims-<kind>-<time>.<ext>` when absent. */
  file?: string;
  log: (line: string) => void;
}

export interface RestoreOptions {
  file: string;
  /** Replace a database that is not empty. */
  force: boolean;
  log: (line: string) => void;
}

const EXTENSION: Record<DatabaseKind, string> = { postgres: 'dump', pglite: 'tar.gz' };

/** Backs up the configured database and resolves with the file written. */
export async function backup(target: BackupTarget, options: BackupOptions): Promise<string> {
  const kind: DatabaseKind = target.databaseUrl ? 'postgres' : 'pglite';
  const file = options.file ?? defaultBackupFile(kind);
  await mkdir(dirname(file), { recursive: true });
  if (target.databaseUrl) await backupPostgres({ databaseUrl: target.databaseUrl, file, log: options.log });
  else await backupPglite({ folder: pgliteFolder(target.dataDir), file, log: options.log });
  return file;
}

/** Restores a backup into the configured database, refusing one that is not empty unless forced. */
export async function restore(target: BackupTarget, options: RestoreOptions): Promise<void> {
  if (target.databaseUrl) await restorePostgres({ databaseUrl: target.databaseUrl, ...options });
  else await restorePglite({ folder: pgliteFolder(target.dataDir), ...options });
}

function defaultBackupFile(kind: DatabaseKind): string {
  // A timestamp that sorts by time and is a valid file name everywhere (no colons).
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join('backups', `ims-${kind}-${stamp}.${EXTENSION[kind]}`);
}
