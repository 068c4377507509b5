import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ORT_FILES, onnxRuntimeFiles } from '../sync-server/plugins/model-files';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the compiled server goes: one folder below the root, as `sync-server/project-files.ts` expects. */
export const SERVER_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** Each program a production install runs, by the name of its file in dist/. */
const ENTRY_POINTS = {
  server: 'sync-server/server.ts',
  migrate: 'sync-server/cli/migrate.ts',
  admin: 'sync-server/cli/admin.ts',
  backup: 'sync-server/cli/backup.ts',
  restore: 'sync-server/cli/restore.ts'
};

// Imported only when installed, so a production install (`npm ci --omit=dev`) runs without it.
const OPTIONAL_IMPORTS: Record<string, string> = {
  'pino-pretty': "readable development logs; sync-server/logging.ts falls back to JSON lines without it"
};

/**
 * Compiles the server into plain JavaScript in dist/: one ES module per program with the server's
 * own code (and the shared domain code from src/lib) bundled in, and packages left as imports for
 * node_modules. Fails when the server imports a package that `npm ci --omit=dev` would not install.
 */
export async function buildServer(outDir = SERVER_DIST_DIR): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: outDir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning'
  });
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const missing = packagesOutsideDependencies(result.metafile, Object.keys(pkg.dependencies ?? {}));
  if (missing.length > 0) {
    throw new Error(
      `The server imports ${missing.join(', ')}, which a production install lacks: move ${missing.length > 1 ? 'them' : 'it'} to "dependencies" in package.json.`
    );
  }
  shipOnnxRuntime(outDir);
  console.log(`Server compiled into ${outDir} (${Object.keys(ENTRY_POINTS).map((name) => `${name}.js`).join(', ')}).`);
}

/**
 * The two ONNX Runtime files the server publishes for the app, from the installed transformers.js
 * (a development dependency) into `dist/ort/<version>/`, where the compiled server finds them.
 */
function shipOnnxRuntime(outDir: string): void {
  const runtime = onnxRuntimeFiles();
  const target = join(outDir, 'ort', runtime.version);
  mkdirSync(target, { recursive: true });
  for (const file of ORT_FILES) copyFileSync(join(runtime.dir, file), join(target, file));
}

/** The packages the compiled programs import that are neither dependencies nor optional imports. */
export function packagesOutsideDependencies(metafile: Pick<Metafile, 'outputs'>, dependencies: string[]): string[] {
  const installed = new Set(dependencies);
  const imported = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external && !entry.path.startsWith('node:')).map((entry) => packageName(entry.path))
  );
  return [...new Set(imported)].filter((name) => !installed.has(name) && !(name in OPTIONAL_IMPORTS)).sort();
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
