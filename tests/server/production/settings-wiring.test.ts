import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../sync-server/config';
import { createServer } from '../../../sync-server/create-server';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

// Pool size and statement timeout are Postgres settings; PGlite is one connection in this process.
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

describe.skipIf(!postgres)('database settings on Postgres', () => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await postgres!.open();
    // The app opens its own pool from DATABASE_URL, as in production, and migrates through it.
    const config = loadConfig({
      NODE_ENV: 'test',
      STATIC_DIR: 'no-build-in-tests',
      DATABASE_URL: handle.url,
      DATABASE_POOL_SIZE: '2',
      DATABASE_STATEMENT_TIMEOUT_MS: '300'
    });
    app = await createServer({ config, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('cancels a statement that runs longer than DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    await expect(app.db.query('SELECT pg_sleep(2)')).rejects.toMatchObject({
      code: '57014',
      message: 'canceling statement due to statement timeout'
    });
  });

  it('lets a statement within the timeout finish', async () => {
    const { rows } = await app.db.query<{ answer: number }>('SELECT 42 AS answer FROM pg_sleep(0.05)');
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('opens no more connections than DATABASE_POOL_SIZE', async () => {
    const backends = await Promise.all(
      Array.from({ length: 6 }, () => app.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.1)'))
    );
    const distinct = new Set(backends.map((result) => result.rows[0].pid));
    expect(distinct.size).toBeGreaterThan(0);
    expect(distinct.size).toBeLessThanOrEqual(2);
  });
});

describe('the HTTP server settings', () => {
  it('gives Node the request timeout REQUEST_TIMEOUT_MS sets', async () => {
    const [testDatabase] = testDatabases;
    const handle = await testDatabase.open();
    const app = await buildTestApp({ database: handle.db, env: { REQUEST_TIMEOUT_MS: '4321' } });
    try {
      expect(app.server.requestTimeout).toBe(4321);
    } finally {
      await app.close();
      await handle.dispose();
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const TOKEN = 'scrape-token-for-the-test';
  let handle: DisposableDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await testDatabases[0].open();
    app = await buildTestApp({ database: handle.db, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
  });

  it('answers 401 AUTH_MISSING without a token', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_MISSING');
  });

  it('answers 401 AUTH_FAILED to another token', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer guess' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_FAILED');
  });

  it('serves the metrics to the bearer of the token', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('http_requests_total');
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  it('serves the metrics to anyone, as in development', async () => {
    const handle = await testDatabases[0].open();
    const app = await buildTestApp({ database: handle.db });
    try {
      const response = await app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('interaction_writes_total');
    } finally {
      await app.close();
      await handle.dispose();
    }
  });
});
