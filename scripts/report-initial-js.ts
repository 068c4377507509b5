import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Prints the JavaScript a first visit to the Finder downloads, gzipped, against the budget: the app's
 * entry points, the root layout and the Finder page, with everything they import statically.
 * Code loaded on demand (other pages, the Auth0 SDK, search and embeddings) is not counted.
 */
const BUDGET_KB = 200;
const OUTPUT = '.svelte-kit/output/client';
const GENERATED = '.svelte-kit/generated/client-optimized';

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

const manifest: Record<string, Chunk> = JSON.parse(readFileSync(join(OUTPUT, '.vite/manifest.json'), 'utf8'));

// The generated node modules name the route files they load; the layout and the Finder are first paint.
const firstPaintNodes = Object.keys(manifest).filter((key) => {
  if (!key.startsWith(`${GENERATED}/nodes/`)) return false;
  const source = readFileSync(key, 'utf8');
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

const gzippedBytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(OUTPUT, file))).length, 0);
const kb = gzippedBytes / 1024;
console.log(
  `initial JavaScript: ${kb.toFixed(1)} KB gzipped in ${files.size} files (budget ${BUDGET_KB} KB: ${kb <= BUDGET_KB ? 'within' : 'OVER'})`
);
