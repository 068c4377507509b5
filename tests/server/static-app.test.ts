import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

describe('serving the built app', () => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;
  let buildDir: string;

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'ims-build-'));
    await mkdir(join(buildDir, '_app/immutable'), { recursive: true });
    await writeFile(join(buildDir, 'index.html'), '<!doctype html><title>Interactions</title>');
    await writeFile(join(buildDir, '_app/immutable/start.abc123.js'), 'export {};');
    handle = await testDatabases[0].open();
    app = await buildTestApp({ database: handle.db, env: { STATIC_DIR: buildDir } });
  });
  afterAll(async () => {
    await app.close();
    await handle.dispose();
    await rm(buildDir, { recursive: true, force: true });
  });

  it('serves index.html at the root, to be revalidated on every load', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Interactions</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets as immutable', async () => {
    const response = await app.inject({ method: 'GET', url: '/_app/immutable/start.abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a deep link to a page with the app, which routes in the browser', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/interactions/0190f1c2-0000-7000-8000-000000000000',
      headers: { accept: 'text/html,application/xhtml+xml' }
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Interactions</title>');
  });

  it('still answers an unknown API path with the JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/missing', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('answers a missing asset with 404 rather than the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/_app/immutable/gone.js', headers: { accept: '*/*' } });
    expect(response.statusCode).toBe(404);
  });
});
