import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS, fingerprintSources, recordFingerprint } from './build-fingerprint';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where adapter-static writes the app (svelte.config.js keeps its default). */
export const BUILD_DIR = fileURLToPath(new URL('../build', import.meta.url));

/** The fingerprint of the app's sources as they are now. */
export function currentFingerprint(): string {
  return fingerprintSources({ root: ROOT, inputs: BUILD_INPUTS });
}

/**
 * Builds the app, prints its first-visit JavaScript against the budget, and records the sources'
 * fingerprint. The fingerprint is taken before the build starts: a file edited while Vite runs
 * then makes the next start build again, instead of being marked as built.
 */
export function buildApp(): void {
  const fingerprint = currentFingerprint();
  run(['node_modules/vite/bin/vite.js', 'build']);
  run(['--import', 'tsx', 'scripts/report-initial-js.ts']);
  recordFingerprint(BUILD_DIR, fingerprint);
}

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Build failed: node ${args.join(' ')} exited with ${result.status ?? result.signal}.`);
    process.exit(1);
  }
}
