import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { appAliases } from '../../tests/e2e/support/app-aliases';

const PAGES = fileURLToPath(new URL('./pages/', import.meta.url));

/** Where the benchmark's own files are served, beside the app on its origin. */
export const BENCH_PATH = '/bench';

/**
 * Builds the benchmark's browser code into `<staticDir>/bench/`: bench.js (the app's `src/lib/db`,
 * loaded with import()), probe.js (an init script for app pages), baseline.js with baseline.html
 * (Dexie alone) and load.html (an empty page on the app's origin to fill the database from).
 */
export async function buildBenchPages(staticDir: string): Promise<void> {
  const outDir = join(staticDir, BENCH_PATH);
  await mkdir(outDir, { recursive: true });
  const shared: BuildOptions = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [appAliases]
  };
  await Promise.all([
    build({ ...shared, entryPoints: [join(PAGES, 'writer.ts')], outfile: join(outDir, 'bench.js'), format: 'esm' }),
    build({ ...shared, entryPoints: [join(PAGES, 'probe.ts')], outfile: join(outDir, 'probe.js'), format: 'iife' }),
    build({ ...shared, entryPoints: [join(PAGES, 'baseline.ts')], outfile: join(outDir, 'baseline.js'), format: 'iife' })
  ]);
  const page = (title: string, script = '') =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${script}</head><body></body></html>\n`;
  await writeFile(join(outDir, 'load.html'), page('bench: load'));
  await writeFile(join(outDir, 'baseline.html'), page('bench: baseline', `<script src="${BENCH_PATH}/baseline.js"></script>`));
}
