import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * What the app's build is made from: its sources, its static files, the configuration Vite and
 * SvelteKit read, and the exact dependency versions. The server, the tests and the docs are not in
 * it, so editing them never costs a rebuild.
 */
export const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];

/** Written into the build folder after a successful build; the adapter empties that folder on the next one. */
export const FINGERPRINT_FILE = '.build-fingerprint';

export interface FingerprintOptions {
  /** The folder the inputs are relative to (the project's root). */
  root: string;
  /** Files or folders, relative to root; a folder counts with every file inside it. */
  inputs: readonly string[];
}

/**
 * A hash of every input file's path and content. Content, not modification times: a checkout or a
 * copy touches times without changing what the build would produce. About 200 small files, so
 * hashing them takes milliseconds.
 */
export function fingerprintSources({ root, inputs }: FingerprintOptions): string {
  const hash = createHash('sha256');
  for (const input of [...inputs].sort()) {
    const path = join(root, input);
    if (!existsSync(path)) {
      // A missing input is part of the state too: adding it later must change the fingerprint.
      hash.update(`missing\0${input}\0`);
      continue;
    }
    for (const file of filesUnder(path)) {
      // Forward slashes, so the same tree gives the same fingerprint on every platform.
      hash.update(`file\0${relative(root, file).split(sep).join('/')}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** True when buildDir holds a finished build made from sources with this fingerprint. */
export function buildIsCurrent(buildDir: string, fingerprint: string): boolean {
  const recorded = join(buildDir, FINGERPRINT_FILE);
  return existsSync(recorded) && readFileSync(recorded, 'utf8').trim() === fingerprint;
}

/** Marks buildDir as built from sources with this fingerprint; call it only after the build succeeded. */
export function recordFingerprint(buildDir: string, fingerprint: string): void {
  writeFileSync(join(buildDir, FINGERPRINT_FILE), `${fingerprint}\n`);
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}
