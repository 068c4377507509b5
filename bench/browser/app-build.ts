import { spawn } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the app as `npm start` does and copies the output to `staticDir`, which the suite then
 * serves with its own files added: the repository's build/ is never changed after the build.
 */
export async function buildApp(staticDir: string, options: { sourceMaps?: boolean } = {}): Promise<number> {
  const started = performance.now();
  const env = options.sourceMaps ? { ...process.env, BUILD_SOURCE_MAPS: 'hidden' } : process.env;
  await new Promise<void>((resolve, reject) => {
    // Vite lists every file it writes; only its errors are worth showing.
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}`))));
  });
  await cp(join(ROOT, 'build'), staticDir, { recursive: true });
  return (performance.now() - started) / 1000;
}

export interface ScriptSize {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface InitialJs {
  scripts: ScriptSize[];
  bytes: number;
  gzipBytes: number;
  /** Scripts named like search or embedding code: lazily loaded by design, outside the budget. */
  excluded: ScriptSize[];
}

// Chunks that exist to be loaded late (search index, embedding worker and its runtime).
const LAZY = /search|embedding|transformers|onnx|ort-wasm|minisearch|worker/i;

/**
 * The JavaScript a page load fetched (the paths from the browser's network log), measured from the
 * built files: as sent (the server does not compress) and gzipped at level 6, what a compressing
 * proxy or CDN would send.
 */
export async function measureInitialJs(staticDir: string, paths: readonly string[]): Promise<InitialJs> {
  const scripts = await Promise.all(
    [...new Set(paths)].map(async (path) => {
      const content = await readFile(join(staticDir, path));
      return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length };
    })
  );
  scripts.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const counted = scripts.filter((script) => !LAZY.test(script.path));
  return {
    scripts: counted,
    bytes: counted.reduce((sum, script) => sum + script.bytes, 0),
    gzipBytes: counted.reduce((sum, script) => sum + script.gzipBytes, 0),
    excluded: scripts.filter((script) => LAZY.test(script.path))
  };
}
