import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { PAGES_PATH } from './scenario';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));

/**
 * Builds stored-count.js (added to the app's page) and the baseline page into
 * `<staticDir>/bench/initial-sync/`, served beside the app on its origin.
 */
export async function buildPages(staticDir: string): Promise<void> {
  const outDir = join(staticDir, PAGES_PATH);
  await mkdir(outDir, { recursive: true });
  const shared: BuildOptions = { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, logLevel: 'warning' };
  await Promise.all(
    ['stored-count', 'bulk-put'].map((name) =>
      build({ ...shared, entryPoints: [join(PAGES, `${name}.ts`)], outfile: join(outDir, `${name}.js`) })
    )
  );
  await writeFile(
    join(outDir, 'bulk-put.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: bulkPut</title>` +
      `<script src="${PAGES_PATH}/bulk-put.js"></script></head><body></body></html>\n`
  );
}
