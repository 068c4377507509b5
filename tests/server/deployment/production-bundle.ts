import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../../scripts/build-server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ProductionBundle {
  dir: string;
  /** A stand-in for build/ (see `installProductionBundle`), for STATIC_DIR. */
  staticDir: string;
  /** Marks the stand-in's page, to recognise it when it is served. */
  pageMarker: string;
}

/**
 * Installs the server the way the Dockerfile does: package.json, the lock file and migrations/
 * beside a freshly compiled dist/, then `npm ci --omit=dev --ignore-scripts`, so a runtime import of
 * a development dependency fails here as it would in the image. The built app is replaced by a
 * one-page stand-in: Vite's build takes minutes and is proven by the end-to-end tests, while this
 * proof is about the server, the proxy and the instances.
 */
export async function installProductionBundle(): Promise<ProductionBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bundle-'));
  // Readable by the unprivileged user the instances run as.
  chmodSync(dir, 0o755);
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(ROOT, file), join(dir, file));
  cpSync(join(ROOT, 'migrations'), join(dir, 'migrations'), { recursive: true });
  await buildServer(join(dir, 'dist'));

  const staticDir = join(dir, 'build');
  const pageMarker = `stand-in app ${Date.now()}`;
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), `<!doctype html><title>IMS</title><p>${pageMarker}</p>\n`);

  // No install scripts: the package's own `prepare` needs SvelteKit, a development dependency, and
  // no dependency needs its install script (package.json, allowScripts).
  const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    encoding: 'utf8'
  });
  if (install.status !== 0) throw new Error(`npm ci --omit=dev failed (${install.status}):\n${install.stderr}`);
  return { dir, staticDir, pageMarker };
}
