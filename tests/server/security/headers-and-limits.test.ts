import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../sync-server/db/migrations';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { demoUser, type DemoEmail } from '../helpers/api-fixture';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { expectError } from './error-envelope';

// One seeded database for the file; each block builds its own app on it, with its own settings,
// limiter counts and metrics.
let handle: DisposableDatabase;
beforeAll(async () => {
  handle = await testDatabases[0].open();
  await migrate(handle.db);
  await seedDemoData(handle.db, { interactions: 0 });
});
afterAll(() => handle.dispose());

const appWith = (env: NodeJS.ProcessEnv = {}) => buildTestApp({ database: handle.db, env });

/**
 * Sends a request as a demo user, with a token from the app's dev issuer. Signed directly rather than
 * fetched, so getting a token spends nothing of an address's rate limit.
 */
async function as(app: FastifyInstance, email: DemoEmail, request: InjectOptions): Promise<LightMyRequestResponse> {
  const user = demoUser(email);
  const { access_token } = await app.devIssuer!.sign({ subject: user.authSubject, email: user.email, name: user.name });
  return app.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${access_token}` } });
}

/** The Content-Security-Policy header as directive name → its sources. */
function csp(response: LightMyRequestResponse): Record<string, string> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((directive) => directive.trim())
      .filter(Boolean)
      .map((directive) => {
        const [name, ...sources] = directive.split(/\s+/);
        return [name, sources.join(' ')];
      })
  );
}

function newInteraction(fields: Record<string, unknown> = {}) {
  return {
    siteId: LEEDS.id,
    title: 'Zebra crossing survey',
    type: 'Meeting',
    lead: 'Ben Carter',
    startDatetime: '2026-03-01T09:30:00+01:00',
    endDatetime: '2026-03-01T10:30:00+01:00',
    timezone: 'Europe/London',
    description: 'Walked the route with the council.',
    ...fields
  };
}

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(() => app.close());

  it.each([
    ['a successful API response', '/api/health'],
    ['an error response', '/api/users/profile']
  ])('sets nosniff and the app’s CSP on %s', async (_case, url) => {
    const response = await app.inject({ method: 'GET', url });

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const policy = csp(response);
    expect(policy['script-src']).toContain("'wasm-unsafe-eval'");
    expect(policy['worker-src']).toBe("'self' blob:");
    expect(policy['frame-ancestors']).toBe("'none'");
  });

  it('does not allow any other origin when CORS_ORIGINS is empty', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://app.example.org' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the CSP with a built app', () => {
  const inlineScript = '__sveltekit_start({ env: {}, base: "" });';
  let buildDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    buildDir = await mkdtemp(join(tmpdir(), 'ims-build-'));
    await writeFile(
      join(buildDir, 'index.html'),
      `<!doctype html><title>Interactions</title><script src="/_app/start.js"></script><script>${inlineScript}</script>`
    );
    app = await appWith({ STATIC_DIR: buildDir });
  });
  afterAll(async () => {
    await app.close();
    await rm(buildDir, { recursive: true, force: true });
  });

  it('allows the inline start-up script by its sha256 hash, and nothing else inline', async () => {
    const expectedHash = `'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'`;

    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });

    expect(response.statusCode).toBe(200);
    expect(csp(response)['script-src']).toBe(`'self' 'wasm-unsafe-eval' ${expectedHash}`);
  });
});

describe('CORS with CORS_ORIGINS=https://app.example.org', () => {
  const allowed = 'https://app.example.org';
  const other = 'https://evil.example.com';
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith({ CORS_ORIGINS: allowed });
  });
  afterAll(() => app.close());

  const preflight = (origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/api/interactions',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }
    });
  const getFrom = (origin: string) => app.inject({ method: 'GET', url: '/api/health', headers: { origin } });

  it('answers a preflight from the allowed origin', async () => {
    const response = await preflight(allowed);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-methods']).toContain('POST');
  });

  it('lets the allowed origin read a response', async () => {
    expect((await getFrom(allowed)).headers['access-control-allow-origin']).toBe(allowed);
  });

  it('gives another origin no access-control-allow-origin, on a preflight or a request', async () => {
    expect((await preflight(other)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await getFrom(other)).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the body limit on POST /api/interactions', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(() => app.close());

  const post = (body: object) =>
    as(app, 'ben@example.org', {
      method: 'POST',
      url: '/api/interactions',
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' }
    });

  it('refuses a JSON body over 1 MB with 413 and the error envelope', async () => {
    expectError(await post(newInteraction({ description: 'x'.repeat(1024 * 1024) })), 413, 'BODY_TOO_LARGE');
  });

  it('still reads a body just under 1 MB', async () => {
    const response = await post(newInteraction({ description: 'x'.repeat(1000 * 1000) }));

    expect(response.statusCode, response.body.slice(0, 500)).toBe(201);
  });
});

describe('rate limits with RATE_LIMIT_PER_MINUTE=5', () => {
  const LIMIT = 5;
  // One app for the block: each test spends the counts of a user or an address of its own.
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => app.close());

  async function send(times: number, request: () => Promise<LightMyRequestResponse>): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < times; i += 1) statuses.push((await request()).statusCode);
    return statuses;
  }

  const profileAs = (email: DemoEmail) => () => as(app, email, { method: 'GET', url: '/api/users/profile' });
  const anonymous = (remoteAddress: string, request: InjectOptions) => () => app.inject({ ...request, remoteAddress });
  const tokenRequest: InjectOptions = { method: 'POST', url: '/api/auth/dev/token', payload: { email: 'ada@example.org' } };
  const unauthenticatedProfile: InjectOptions = { method: 'GET', url: '/api/users/profile' };

  it('answers a signed-in user’s 6th request in a minute with 429 RATE_LIMITED and retry-after', async () => {
    expect(await send(LIMIT, profileAs('ada@example.org'))).toEqual(Array(LIMIT).fill(200));

    const response = await profileAs('ada@example.org')();

    expectError(response, 429, 'RATE_LIMITED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits each user separately', async () => {
    expect(await send(LIMIT + 1, profileAs('cleo@example.org'))).toContain(429);

    expect((await profileAs('ben@example.org')()).statusCode).toBe(200);
  });

  it('limits anonymous requests by address', async () => {
    expect(await send(LIMIT, anonymous('203.0.113.7', tokenRequest))).toEqual(Array(LIMIT).fill(200));

    expectError(await anonymous('203.0.113.7', tokenRequest)(), 429, 'RATE_LIMITED');
    expect((await anonymous('203.0.113.8', tokenRequest)()).statusCode).toBe(200);
  });

  it('counts requests refused for their token against the address too', async () => {
    expect(await send(LIMIT, anonymous('203.0.113.10', unauthenticatedProfile))).toEqual(Array(LIMIT).fill(401));

    expectError(await anonymous('203.0.113.10', unauthenticatedProfile)(), 429, 'RATE_LIMITED');
    expectError(await anonymous('203.0.113.10', tokenRequest)(), 429, 'RATE_LIMITED');
  });

  it('never limits GET /api/health', async () => {
    expect(await send(LIMIT + 1, anonymous('203.0.113.9', tokenRequest))).toContain(429);

    expect(await send(LIMIT * 3, anonymous('203.0.113.9', { method: 'GET', url: '/api/health' }))).toEqual(
      Array(LIMIT * 3).fill(200)
    );
  });
});

describe('GET /metrics', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(() => app.close());

  async function scrape(): Promise<string> {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  }

  const samples = (text: string, name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`));

  it('counts requests and their durations by route pattern, never by raw id', async () => {
    const created = await as(app, 'ben@example.org', { method: 'POST', url: '/api/interactions', payload: newInteraction() });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await as(app, 'ben@example.org', { method: 'GET', url: `/api/interactions/${id}` })).statusCode).toBe(200);
    const missingId = '0190f1c2-0000-7000-8000-00000000abcd';
    await app.inject({ method: 'GET', url: `/api/no-such-thing/${missingId}` });

    const text = await scrape();

    expect(samples(text, 'http_requests_total')).toContain(
      'http_requests_total{method="GET",route="/api/interactions/:id",status="200"} 1'
    );
    expect(samples(text, 'http_request_duration_seconds_bucket')).toContainEqual(
      expect.stringContaining('route="/api/interactions/:id"')
    );
    expect(text).not.toContain(id);
    expect(text).not.toContain(missingId);
  });

  it('counts interaction writes after a create', async () => {
    const created = await as(app, 'ben@example.org', { method: 'POST', url: '/api/interactions', payload: newInteraction() });
    expect(created.statusCode, created.body).toBe(201);

    expect(samples(await scrape(), 'interaction_writes_total')).toContainEqual(
      expect.stringMatching(/^interaction_writes_total\{action="create"\} [1-9]/)
    );
  });

  it('counts auth failures by code after a 401', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/users/profile' })).statusCode).toBe(401);

    expect(samples(await scrape(), 'auth_failures_total')).toContain('auth_failures_total{code="AUTH_MISSING"} 1');
  });
});
