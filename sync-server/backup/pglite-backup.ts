import { createReadStream, createWriteStream, existsSync, openAsBlob } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../db/pglite-database';
import { claimDataDir } from '../db/pglite-lock';
import { BackupError } from './backup-error';
import { fileSize, writeWhole } from './backup-files';
import { assertBackupFormat } from './backup-format';
import { describeContents } from './database-contents';

export interface PgliteBackupOptions {
  /** PGlite's data folder (`$DATA_DIR/pglite`). */
  folder: string;
  file: string;
  log: (line: string) => void;
}

export interface PgliteRestoreOptions extends PgliteBackupOptions {
  /** Replace a database that is already in the folder (it is moved aside, not deleted). */
  force: boolean;
}

/**
 * PGlite's data folder as a gzipped tarball. Only with the server stopped: PGlite is one process's
 * database, and claiming its folder (as the server does) is what guarantees that no write lands
 * while the files are read. A running server makes this refuse, naming its process.
 */
export async function backupPglite({ folder, file, log }: PgliteBackupOptions): Promise<void> {
  if (!existsSync(join(folder, 'PG_VERSION'))) {
    throw new BackupError(`There is no embedded database in ${folder}: check DATA_DIR, or set DATABASE_URL for Postgres.`);
  }
  const release = claimDataDir(folder);
  try {
    const db = await PGlite.create(folder, { extensions: PGLITE_EXTENSIONS });
    try {
      log(`Backing up the embedded database in ${folder}: ${await describeContents(db)}.`);
      const archive = await db.dumpDataDir('gzip');
      await writeWhole(file, (partial) =>
        pipeline(Readable.fromWeb(archive.stream() as ReadableStream), createWriteStream(partial))
      );
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
  log(`Wrote ${file} (${await fileSize(file)}).`);
}

/**
 * Loads the backup into a folder beside the target and checks it opens as this application's
 * database; only then moves it into place. A damaged file fails in the side folder and leaves the
 * target as it was, and a replaced database is kept, renamed, rather than deleted.
 */
export async function restorePglite({ folder, file, force, log }: PgliteRestoreOptions): Promise<void> {
  await assertBackupFormat(file, 'pglite');
  await mkdir(dirname(folder), { recursive: true });
  const release = claimDataDir(folder);
  const staging = `${folder}.restoring`;
  try {
    const occupied = await isOccupied(folder);
    if (occupied && !force) {
      throw new BackupError(
        `${folder} already holds an embedded database. Restoring would replace it: add --force to do so ` +
          '(it is kept beside, renamed), or point DATA_DIR at an empty folder.'
      );
    }
    log(`Checking ${file}…`);
    await assertWholeGzip(file);
    await rm(staging, { recursive: true, force: true });
    const contents = await loadChecked(staging, file);
    if (occupied) {
      const aside = `${folder}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(folder, aside);
      log(`The database that was in ${folder} is kept in ${aside}; delete it once the restored one is checked.`);
    }
    await rename(staging, folder);
    log(`Restored into ${folder}: ${contents}.`);
  } finally {
    await rm(staging, { recursive: true, force: true });
    release();
  }
}

async function loadChecked(folder: string, file: string): Promise<string> {
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(folder, { extensions: PGLITE_EXTENSIONS, loadDataDir: await openAsBlob(file) });
    await db.query('SELECT 1 FROM schema_migrations LIMIT 1');
    return await describeContents(db);
  } catch (error) {
    throw new BackupError(
      `${file} could not be restored, so nothing was changed: ${(error as Error).message}. ` +
        'It may be truncated or damaged, or not a backup of this application.'
    );
  } finally {
    await db?.close();
  }
}

/**
 * Gzip ends with the length and checksum of what it holds, so reading it through finds a truncated
 * or corrupted file. PGlite's own loader would fail on one too, but outside any promise it returns.
 */
async function assertWholeGzip(file: string): Promise<void> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(createReadStream(file), createGunzip(), discard);
  } catch (error) {
    throw new BackupError(`${file} is damaged or truncated (${(error as Error).message}), so nothing was changed.`);
  }
}

async function isOccupied(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
