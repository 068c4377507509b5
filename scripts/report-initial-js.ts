import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Prints the JavaScript a first visit to the Finder downloads, gzipped, and fails over the budget:
 * the app's entry points, the root layout and the Finder page, with everything they import
 * statically. Code loaded on demand (other pages, the sync code with Yjs, the Auth0 SDK, search and
 * embeddings) is not counted.
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
const within = kb <= BUDGET_KB;
console.log(`initial JavaScript: ${kb.toFixed(1)} KB gzipped in ${files.size} files (budget ${BUDGET_KB} KB: ${within ? 'within' : 'OVER'})`);
// A budget that only prints is soon passed unseen: the build (and so every test run) fails instead.
if (!within) {
  console.error(
    `The Finder's first visit downloads ${kb.toFixed(1)} KB of JavaScript, over its ${BUDGET_KB} KB budget. ` +
      'Load what the first paint does not need on demand (a dynamic import), as the sync code and Yjs are.'
  );
  process.exitCode = 1;
}
