import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../sync-server/config';
import { createServer } from '../../../sync-server/create-server';
import { DEMO_USERS, LEEDS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

type LogEntry = Record<string, unknown> & { reqId?: string; msg?: string; userId?: string };

/** Everything the app logs, line by line, as pino wrote it. */
function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    }
  });
  return {
    stream,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as LogEntry)
  };
}

describe('request logging', () => {
  const log = captureLog();
  const ada = DEMO_USERS[0];
  let dataDir: string;
  let handle: DisposableDatabase;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ims-logging-'));
    handle = await testDatabases[0].open();
    const config = loadConfig({ NODE_ENV: 'test', STATIC_DIR: 'no-build-in-tests', DATA_DIR: dataDir });
    app = await createServer({ config, database: handle.db, logger: { level: 'info', stream: log.stream } });
    await app.ready();
    await seedDemoData(handle.db, { interactions: 0 });
    token = (await app.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email: ada.email } })).json().access_token;
  });
  afterAll(async () => {
    await app.close();
    await handle.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The request's log lines, once Fastify has logged its completion (that happens after the reply). */
  async function linesOf(response: LightMyRequestResponse): Promise<LogEntry[]> {
    const requestId = response.headers['x-request-id'];
    const ofRequest = () => log.entries().filter((entry) => entry.reqId === requestId);
    await vi.waitFor(() => expect(ofRequest().map((entry) => entry.msg)).toContain('request completed'));
    return ofRequest();
  }

  const getProfile = (headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/api/users/profile', headers });

  it('writes every line as JSON', async () => {
    await linesOf(await getProfile({ authorization: `Bearer ${token}` }));

    expect(log.lines.length).toBeGreaterThan(0);
    for (const line of log.lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it('tags a request’s lines with the incoming X-Request-Id', async () => {
    const response = await getProfile({ 'x-request-id': 'edge-proxy.logging-1' });

    const lines = await linesOf(response);

    expect(response.headers['x-request-id']).toBe('edge-proxy.logging-1');
    expect(lines.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
  });

  it('tags a request’s lines with a generated id when none comes in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });

    const lines = await linesOf(response);

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('adds the user id to an authenticated request’s completion line', async () => {
    const lines = await linesOf(await getProfile({ authorization: `Bearer ${token}` }));

    expect(lines.find((entry) => entry.msg === 'request completed')).toMatchObject({ userId: ada.id });
  });

  it('adds the site to the lines of a request that names one', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/interactions?siteId=${LEEDS.id}`,
      headers: { authorization: `Bearer ${token}` }
    });
    const lines = await linesOf(response);

    expect(response.statusCode).toBe(200);
    expect(lines.find((entry) => entry.msg === 'request completed')).toMatchObject({ userId: ada.id, siteId: LEEDS.id });
  });

  it('never logs the access token or the Authorization header, whether the token is good or bad', async () => {
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    const attempts = [
      await getProfile({ authorization: `Bearer ${token}` }),
      await getProfile({ authorization: `Bearer ${tampered}` }),
      await getProfile({ authorization: 'Bearer not-a-jwt-but-secret-looking' })
    ];
    expect(attempts.map((response) => response.statusCode)).toEqual([200, 401, 401]);
    for (const response of attempts) await linesOf(response);

    const everything = log.lines.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(signature);
    expect(everything).not.toContain(tampered);
    expect(everything).not.toContain('not-a-jwt-but-secret-looking');
    expect(everything).not.toMatch(/authorization|bearer/i);
  });
});
