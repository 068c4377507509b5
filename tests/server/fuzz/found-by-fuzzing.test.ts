// Faults the fuzzers in this folder found, pinned as plain examples so each stays fixed whatever
// seed a fuzz run draws.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { listen } from '../sync/event-stream-client';
import { Replica, storedDocument } from '../sync/replica';
import { deeplyNestedJson } from './hostile-values';

describe.each(testDatabases)('inputs the fuzzers found on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
    baseUrl = await listen(api.app);
  });
  afterAll(() => api?.dispose());

  it.each([
    ['a percent-encoding that does not decode', '/api/interactions/%E0%A4%A', 400],
    ['a path parameter over the router’s length limit', `/api/interactions/${'a'.repeat(200)}`, 414]
  ])('names the request id in the X-Request-Id header of a refusal for %s', async (_name, url, status) => {
    const response = await api.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(status);
    expect(response.headers['x-request-id']).toBe(response.json().error.requestId);
  });

  it.each([
    ['POST /api/interactions', '/api/interactions', deeplyNestedJson(10_000, true)],
    ['POST /api/auth/dev/token', '/api/auth/dev/token', deeplyNestedJson(100_000, false)]
  ])('answers %s with a deeply nested body as a 400, not a 500', async (_route, url, payload) => {
    const response = await api.as('ben@example.org', { method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toEqual(expect.any(String));
  });

  it('refuses a deeply nested row of a push on its own, as any malformed row', async () => {
    const valid = Replica.create();
    const payload = `[${JSON.stringify(valid.row())},${deeplyNestedJson(10_000, true)}]`;
    const response = await api.as('ben@example.org', {
      method: 'POST',
      url: `/api/sync/${LEEDS.id}/push`,
      headers: { 'content-type': 'application/json' },
      payload
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.json().refused).toEqual([expect.objectContaining({ id: '', code: 'VALIDATION_FAILED' })]);
    expect((await storedDocument(api, valid.id)).title).toBe('Tenancy advice drop-in');
  });

  it('refuses only the document whose state holds a NUL, and stores the rest of the push', async () => {
    const valid = Replica.create();
    const broken = Replica.create();
    const response = await api.as('ben@example.org', {
      method: 'POST',
      url: `/api/sync/${LEEDS.id}/push`,
      payload: [valid.row(), broken.row({ crdt: 'AA\u0000AA' })]
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().refused).toEqual([
      expect.objectContaining({ id: broken.id, code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field: 'newDocumentState.crdt' })] })
    ]);
    expect((await storedDocument(api, valid.id)).title).toBe('Tenancy advice drop-in');
  });

  it('answers HEAD of the event stream without writing a stream after the headers', async () => {
    const token = await api.token('ben@example.org');
    const response = await new Promise<{ status: number }>((resolve, reject) => {
      const request = http.request(`${baseUrl}/api/sync/${LEEDS.id}/stream`, {
        method: 'HEAD',
        agent: false,
        headers: { authorization: `Bearer ${token}` }
      });
      request.once('error', reject);
      request.once('response', (incoming) => {
        incoming.resume();
        incoming.once('end', () => resolve({ status: incoming.statusCode ?? 0 }));
      });
      request.end();
    });
    expect(response.status).toBe(404);
  });

  it('answers request headers over the server’s limit in the error envelope', async () => {
    const response = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const request = http.get(`${baseUrl}/api/health`, { agent: false, headers: { authorization: `Bearer ${'t'.repeat(100_000)}` } });
      request.once('error', reject);
      request.once('response', (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.once('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
    });
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  });
});
