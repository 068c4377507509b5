import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The most JavaScript, gzipped, that the Finder's first paint may download. */
export const INITIAL_JS_BUDGET_KB = 200;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = join(ROOT, '.svelte-kit/output/client');
const GENERATED = '.svelte-kit/generated/client-optimized';

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

export interface FirstPaintJs {
  files: string[];
  gzipBytes: number;
}

/**
 * The JavaScript a first visit to the Finder downloads before it paints, from the last build: the
 * app's entry points, the root layout and the Finder page, with everything they import statically.
 * Code loaded on demand (other pages, the sync code with Yjs, the Auth0 SDK, search and
 * embeddings) is not counted.
 */
export function measureFirstPaintJs(): FirstPaintJs {
  const manifest: Record<string, Chunk> = JSON.parse(readFileSync(join(OUTPUT, '.vite/manifest.json'), 'utf8'));
  // The generated node modules name the route files they load; the layout and the Finder are first paint.
  const firstPaintNodes = Object.keys(manifest).filter((key) => {
    if (!key.startsWith(`${GENERATED}/nodes/`)) return false;
    const source = readFileSync(join(ROOT, key), 'utf8');
    return /routes\/\+layout\.svelte['"]/.test(source) || /routes\/\+page\.svelte['"]/.test(source);
  });
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry && !key.startsWith(`${GENERATED}/nodes/`));

  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  [...entries, ...firstPaintNodes].forEach(visit);
  const gzipBytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(OUTPUT, file))).length, 0);
  return { files: [...files], gzipBytes };
}
