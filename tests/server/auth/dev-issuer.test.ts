import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../sync-server/config';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../sync-server/auth/dev-issuer';
import { migrate } from '../../../sync-server/db/migrations';
import { DEMO_USERS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { expectError } from '../security/error-envelope';

function requestToken(app: FastifyInstance, payload: object) {
  return app.inject({ method: 'POST', url: '/api/auth/dev/token', payload });
}

async function devToken(app: FastifyInstance, email: string): Promise<string> {
  const response = await requestToken(app, { email });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().access_token;
}

function getProfile(app: FastifyInstance, token: string) {
  return app.inject({ method: 'GET', url: '/api/users/profile', headers: { authorization: `Bearer ${token}` } });
}

describe('GET /.well-known/jwks.json', () => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openApiFixture(testDatabases[0]);
  });
  afterAll(() => api.dispose());

  it('publishes one RSA public key with no private parts', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });

    expect(response.statusCode).toBe(200);
    const { keys } = response.json();
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' })
    ]);
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(privatePart);
  });

  it('publishes the key that signs the dev tokens', async () => {
    const jwks = (await api.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const token = await api.token('ada@example.org');

    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });

    expect(payload).toMatchObject({ sub: 'dev|ada@example.org', email: 'ada@example.org' });
  });
});

describe.each(testDatabases)('POST /api/auth/dev/token on $kind', (testDatabase) => {
  let api: ApiFixture;
  beforeAll(async () => {
    api = await openApiFixture(testDatabase);
  });
  afterAll(() => api.dispose());

  it.each(DEMO_USERS.map((user) => [user.email, user]))('signs a token that works as %s', async (email, user) => {
    const response = await requestToken(api.app, { email });

    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: expect.any(Number) });
    expect(body.expires_in).toBeGreaterThan(0);
    const profile = await getProfile(api.app, body.access_token);
    expect(profile.json()).toEqual({ id: user.id, email: user.email, name: user.name, orgAdmin: user.orgAdmin });
  });

  it('signs a token for an address nobody has, whose first use creates that user', async () => {
    const response = await requestToken(api.app, { email: 'Nobody@Example.org' });
    expect(response.statusCode, response.body).toBe(200);
    const profile = (await getProfile(api.app, response.json().access_token)).json();
    expect(profile).toEqual({ id: expect.any(String), email: 'Nobody@Example.org', name: 'Nobody', orgAdmin: false });
    const again = await getProfile(api.app, (await requestToken(api.app, { email: 'nobody@example.org' })).json().access_token);
    expect(again.json().id).toBe(profile.id);
  });

  it.each([
    ['a missing email', {}, 'email'],
    ['an extra property', { email: 'ada@example.org', role: 'admin' }, 'role'],
    ['an email that is not one', { email: 'ada-at-example.org' }, 'email']
  ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_case, payload, field) => {
    const response = await requestToken(api.app, payload);

    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.json().error.fields).toEqual([expect.objectContaining({ field, message: expect.any(String) })]);
  });
});

describe('the dev signing key in DATA_DIR', () => {
  let handle: DisposableDatabase;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    handle = await testDatabases[0].open();
    await migrate(handle.db);
    await seedDemoData(handle.db, { interactions: 0 });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => handle.dispose());

  async function tempDataDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ims-dev-issuer-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function appOn(dataDir: string): Promise<FastifyInstance> {
    const app = await buildTestApp({ database: handle.db, env: { DATA_DIR: dataDir } });
    cleanups.push(() => app.close());
    return app;
  }

  it('is kept, so two apps on the same DATA_DIR accept each other’s tokens', async () => {
    const dataDir = await tempDataDir();
    const first = await appOn(dataDir);
    const second = await appOn(dataDir);

    expect((await getProfile(second, await devToken(first, 'ada@example.org'))).statusCode).toBe(200);
    expect((await getProfile(first, await devToken(second, 'ben@example.org'))).statusCode).toBe(200);
  });

  it('is not shared with an app on another DATA_DIR, which refuses its tokens (AUTH_UNKNOWN_KEY)', async () => {
    const first = await appOn(await tempDataDir());
    const other = await appOn(await tempDataDir());

    expectError(await getProfile(other, await devToken(first, 'ada@example.org')), 401, 'AUTH_UNKNOWN_KEY');
  });

  it('is readable by its owner only', async () => {
    const dataDir = await tempDataDir();
    await appOn(dataDir);

    const { mode } = await stat(join(dataDir, 'dev-issuer', 'signing-key.json'));

    expect(mode & 0o777).toBe(0o600);
  });
});

describe('loadConfig and the auth mode', () => {
  it('refuses the dev issuer with NODE_ENV=production, naming AUTH_MODE', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/AUTH_MODE/);
  });

  it('refuses the default (dev) mode with NODE_ENV=production, naming AUTH_MODE', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/AUTH_MODE/);
  });

  it('refuses auth0 mode without AUTH0_AUDIENCE, naming it', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'auth0', AUTH0_DOMAIN: 'tenant.eu.auth0.com' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/AUTH0_AUDIENCE/);
  });

  it('accepts auth0 mode in production with a domain and an audience', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      AUTH0_DOMAIN: 'tenant.eu.auth0.com',
      AUTH0_AUDIENCE: 'urn:ims:api'
    });
    expect(config.auth).toMatchObject({
      mode: 'auth0',
      issuer: 'https://tenant.eu.auth0.com/',
      audience: 'urn:ims:api',
      jwksUrl: 'https://tenant.eu.auth0.com/.well-known/jwks.json'
    });
  });
});
