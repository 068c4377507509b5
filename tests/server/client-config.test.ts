import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app';
import { testDatabases, type DisposableDatabase } from './helpers/test-databases';

// The route reads configuration only, so one engine is enough.
const [testDatabase] = testDatabases;

const AUTH0_ENV = {
  AUTH0_DOMAIN: 'example.eu.auth0.com',
  AUTH0_AUDIENCE: 'urn:test:api',
  AUTH0_CLIENT_ID: 'abc'
};

describe('GET /api/config', () => {
  let handle: DisposableDatabase;
  const apps: FastifyInstance[] = [];

  async function appWith(env: NodeJS.ProcessEnv): Promise<FastifyInstance> {
    const app = await buildTestApp({ database: handle.db, env });
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    handle = await testDatabase.open();
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await handle.dispose();
  });

  it('names the dev issuer in dev mode, without a token', async () => {
    const app = await appWith({});
    const response = await app.inject({ method: 'GET', url: '/api/config' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ auth: { mode: 'dev' }, search: { embeddingModel: 'Xenova/all-MiniLM-L6-v2' } });
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('gives the Auth0 tenant, client and audience in auth0 mode, and nothing else', async () => {
    const app = await appWith(AUTH0_ENV);
    const response = await app.inject({ method: 'GET', url: '/api/config' });
    expect(response.statusCode).toBe(200);
    // Exactly these keys: the response schema drops the issuer and JWKS address the server uses.
    expect(response.json()).toEqual({
      auth: { mode: 'auth0', domain: 'example.eu.auth0.com', clientId: 'abc', audience: 'urn:test:api' },
      search: { embeddingModel: 'Xenova/all-MiniLM-L6-v2' }
    });
  });

  it('names the configured embedding model', async () => {
    const app = await appWith({ EMBEDDING_MODEL: 'local/universal-sentence-encoder-lite' });
    const response = await app.inject({ method: 'GET', url: '/api/config' });
    expect(response.json().search).toEqual({ embeddingModel: 'local/universal-sentence-encoder-lite' });
  });

  it('takes the domain from AUTH_ISSUER when no Auth0 domain is named', async () => {
    const app = await appWith({
      AUTH_MODE: 'auth0',
      AUTH_ISSUER: 'https://login.example.org/',
      AUTH_JWKS_URL: 'https://login.example.org/.well-known/jwks.json',
      AUTH0_AUDIENCE: 'urn:test:api',
      AUTH0_CLIENT_ID: 'abc'
    });
    const response = await app.inject({ method: 'GET', url: '/api/config' });
    expect(response.json()).toMatchObject({ auth: { mode: 'auth0', domain: 'login.example.org' } });
  });

  it('answers 503 with a stable code when auth0 mode has no client id', async () => {
    const app = await appWith({ ...AUTH0_ENV, AUTH0_CLIENT_ID: '' });
    const response = await app.inject({ method: 'GET', url: '/api/config' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      error: { code: 'AUTH_CLIENT_NOT_CONFIGURED', message: expect.stringContaining('AUTH0_CLIENT_ID') }
    });
  });
});
