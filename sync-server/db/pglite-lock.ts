import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Thrown when another live process has the embedded database's folder open. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

/**
 * Claims the PGlite folder for this process with a pid file beside it, and returns the release.
 * PGlite is one process's database: a second opener (the admin command while the server runs)
 * would write the same files underneath it and corrupt them, and PGlite itself does not refuse.
 * A file left by a process that has died (a crash, kill -9) is taken over.
 */
export function claimDataDir(dir: string): () => void {
  // Beside the folder, not in it: PGlite takes a folder with unknown files in it for a damaged one.
  const file = `${dir}.owner.pid`;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new DataDirInUseError(
        `The embedded database in ${dir} is in use by process ${holder} (a running server?). Stop it first, or set DATABASE_URL to use Postgres.`
      );
    }
    rmSync(file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, which still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
