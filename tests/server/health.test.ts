import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

describe.each(testDatabases)('health routes on $kind', (testDatabase) => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await testDatabase.open();
    app = await buildTestApp({ database: handle.db });
  });
  afterAll(async () => {
    await app.close();
    await handle.dispose();
  });

  it('GET /api/health says the process is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/ready reports the database that answered', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: testDatabase.kind });
  });

  it('GET /api/version names the app version, Node and the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/version' });
    expect(response.json()).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      node: process.version,
      database: testDatabase.kind
    });
  });
});

describe('GET /api/ready when the database stops answering', () => {
  it('answers 503 and names the database', async () => {
    const [testDatabase] = testDatabases;
    const handle = await testDatabase.open();
    // Migrations run at boot, so the app starts on a working database and then loses it.
    let answering = true;
    const app = await buildTestApp({
      database: {
        ...handle.db,
        query: (sql, params) =>
          answering ? handle.db.query(sql, params) : Promise.reject(new Error('connection refused'))
      }
    });
    answering = false;
    try {
      const response = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', database: testDatabase.kind });
    } finally {
      await app.close();
      await handle.dispose();
    }
  });
});
