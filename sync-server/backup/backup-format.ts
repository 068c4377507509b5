import { open } from 'node:fs/promises';
import { BackupError } from './backup-error';

/** What a backup file holds: a `pg_dump` custom-format archive, or PGlite's gzipped data folder. */
export type BackupFormat = 'postgres' | 'pglite';

// pg_dump's custom format starts with "PGDMP"; gzip with 1f 8b.
const POSTGRES_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

const DESCRIPTION: Record<BackupFormat, string> = {
  postgres: 'a Postgres backup (pg_dump custom format), restored with DATABASE_URL set',
  pglite: 'an embedded PGlite backup (its gzipped data folder), restored with DATABASE_URL unset'
};

/**
 * Reads the file's first bytes and refuses anything that is not the backup the target needs,
 * before a database is touched.
 */
export async function assertBackupFormat(file: string, expected: BackupFormat): Promise<void> {
  const actual = await readBackupFormat(file);
  if (actual !== expected) {
    throw new BackupError(`${file} is ${DESCRIPTION[actual]}, but the database to restore into needs ${DESCRIPTION[expected]}.`);
  }
}

async function readBackupFormat(file: string): Promise<BackupFormat> {
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(POSTGRES_MAGIC.length), 0, POSTGRES_MAGIC.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`There is no backup file at ${file}.`);
    if (code === 'EISDIR') throw new BackupError(`${file} is a folder; name the backup file itself.`);
    throw error;
  }
  if (head.subarray(0, POSTGRES_MAGIC.length).equals(POSTGRES_MAGIC)) return 'postgres';
  if (head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return 'pglite';
  throw new BackupError(
    head.length === 0
      ? `${file} is empty: it is not a backup (was the backup interrupted?).`
      : `${file} is not a backup made by npm run backup: it is neither a pg_dump archive nor a gzipped PGlite folder.`
  );
}
