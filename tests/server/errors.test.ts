import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../sync-server/http-errors';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

const REQUEST_ID = /^[0-9a-f-]{36}$/;

describe('error responses and request ids', () => {
  let handle: DisposableDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    handle = await testDatabases[0].open();
    app = await buildTestApp({
      database: handle.db,
      routes(instance) {
        instance.get('/api/test/expected-failure', async () => {
          throw new HttpError(409, 'ALREADY_THERE', 'That interaction exists already.');
        });
        instance.get('/api/test/bug', async () => {
          throw new Error('secret connection string postgres://admin:hunter2@db');
        });
      }
    });
  });
  afterAll(async () => {
    await app.close();
    await handle.dispose();
  });

  it('answers an unknown API path with a 404 envelope', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'There is no GET /api/nothing-here.', requestId: expect.stringMatching(REQUEST_ID) }
    });
  });

  it('gives an expected failure its status and stable code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/expected-failure' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'ALREADY_THERE', message: 'That interaction exists already.' });
  });

  it('never puts internal detail in a 500 body', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL_ERROR');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('secret');
  });

  it('keeps a well-formed incoming X-Request-Id and echoes it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/nothing-here',
      headers: { 'x-request-id': 'edge-proxy.42' }
    });
    expect(response.headers['x-request-id']).toBe('edge-proxy.42');
    expect(response.json().error.requestId).toBe('edge-proxy.42');
  });

  it('replaces an incoming X-Request-Id that could forge log lines', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'fake"}\n{"level":60' }
    });
    expect(response.headers['x-request-id']).toMatch(REQUEST_ID);
  });

  it('answers malformed JSON with 400 and a code, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/expected-failure',
      headers: { 'content-type': 'application/json' },
      payload: '{"title": '
    });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().error.code).toEqual(expect.any(String));
  });
});
