import { rename, rm, stat } from 'node:fs/promises';

/**
 * Has `write` fill `<file>.partial` and renames it to `file` only once it is complete, so an
 * interrupted backup never looks like a whole one. The partial file is removed on failure.
 */
export async function writeWhole(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}

export async function fileSize(file: string): Promise<string> {
  return `${((await stat(file)).size / 1_000_000).toFixed(1)} MB`;
}
