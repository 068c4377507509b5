import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsCurrent, fingerprintSources, recordFingerprint } from '../../../scripts/build-fingerprint';

const INPUTS = ['src', 'static', 'vite.config.ts'];

describe('the build fingerprint', () => {
  let root: string;
  const fingerprint = () => fingerprintSources({ root, inputs: INPUTS });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ims-fingerprint-'));
    await mkdir(join(root, 'src/routes'), { recursive: true });
    await mkdir(join(root, 'static'));
    await writeFile(join(root, 'src/routes/+page.svelte'), '<h1>Finder</h1>');
    await writeFile(join(root, 'src/app.html'), '<html></html>');
    await writeFile(join(root, 'static/favicon.svg'), '<svg/>');
    await writeFile(join(root, 'vite.config.ts'), 'export default {}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is the same for the same sources', () => {
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint()).toBe(fingerprint());
  });

  it('changes when a source file’s content changes', async () => {
    const before = fingerprint();
    await writeFile(join(root, 'src/routes/+page.svelte'), '<h1>Finder!</h1>');
    expect(fingerprint()).not.toBe(before);
  });

  it('changes when a file is added in a nested folder, or renamed', async () => {
    const before = fingerprint();
    await mkdir(join(root, 'src/lib/search'), { recursive: true });
    await writeFile(join(root, 'src/lib/search/index.ts'), 'export {}');
    const added = fingerprint();
    expect(added).not.toBe(before);

    await rm(join(root, 'src/lib/search/index.ts'));
    await writeFile(join(root, 'src/lib/search/engine.ts'), 'export {}');
    expect(fingerprint()).not.toBe(added);
  });

  it('changes when a listed input that was missing appears', async () => {
    const inputs = [...INPUTS, 'svelte.config.js'];
    const before = fingerprintSources({ root, inputs });
    await writeFile(join(root, 'svelte.config.js'), 'export default {}');
    expect(fingerprintSources({ root, inputs })).not.toBe(before);
  });

  it('ignores files outside its inputs (the server, tests, docs)', async () => {
    const before = fingerprint();
    await mkdir(join(root, 'sync-server'));
    await writeFile(join(root, 'sync-server/server.ts'), 'listen()');
    await writeFile(join(root, 'README.md'), '# Notes');
    expect(fingerprint()).toBe(before);
  });

  it('calls a build current only when it recorded the same fingerprint', async () => {
    const buildDir = join(root, 'build');
    await mkdir(buildDir);
    expect(buildIsCurrent(buildDir, fingerprint()), 'a build without a fingerprint').toBe(false);

    recordFingerprint(buildDir, fingerprint());
    expect(buildIsCurrent(buildDir, fingerprint())).toBe(true);

    await writeFile(join(root, 'static/favicon.svg'), '<svg viewBox="0 0 1 1"/>');
    expect(buildIsCurrent(buildDir, fingerprint()), 'after a static file changed').toBe(false);
  });

  it('calls a missing build folder not current', () => {
    expect(buildIsCurrent(join(root, 'no-build'), fingerprint())).toBe(false);
  });
});
