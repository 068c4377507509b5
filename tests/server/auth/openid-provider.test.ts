import type { FastifyInstance } from 'fastify';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_AUDIENCE, startOpenIdProvider, type OpenIdProvider } from '../../support/openid-provider';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const AUDIENCE = 'https://ims.example/api';

// Token verification does not touch the database beyond creating the user, so one engine is enough:
// what is under test is the path from a real provider's keys to the server's verdict.
describe('access tokens from a real OpenID provider', () => {
  let provider: OpenIdProvider;
  let handle: DisposableDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    provider = await startOpenIdProvider({ audience: AUDIENCE });
    handle = await testDatabases[0].open();
    app = await buildTestApp({
      database: handle.db,
      env: { AUTH_MODE: 'auth0', AUTH_ISSUER: provider.issuer, AUTH_JWKS_URL: provider.jwksUrl, AUTH0_AUDIENCE: AUDIENCE }
    });
  });

  afterAll(async () => {
    await app?.close();
    await handle?.dispose();
    await provider?.close();
  });

  const profileWith = (token: string) =>
    app.inject({ method: 'GET', url: '/api/users/profile', headers: { authorization: `Bearer ${token}` } });

  it('accepts an RS256 access token for its audience, with the key fetched from the JWKS', async () => {
    const token = await provider.serviceToken(AUDIENCE);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: provider.signingKeyId() });
    const response = await profileWith(token);
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refuses a token the same provider signed for another audience', async () => {
    const response = await profileWith(await provider.serviceToken(OTHER_AUDIENCE));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_WRONG_AUDIENCE');
  });

  it('accepts a token signed by a rotated-in key without a restart, and still the old key’s tokens', async () => {
    const before = await provider.serviceToken(AUDIENCE);
    expect((await profileWith(before)).statusCode).toBe(200);
    const oldKey = provider.signingKeyId();

    await provider.rotateKeys();
    const after = await provider.serviceToken(AUDIENCE);
    expect(decodeProtectedHeader(after).kid).not.toBe(oldKey);

    // An unknown key id makes the server fetch the key set again, at most once per jose's 30 s
    // cool-down from the last fetch (a flood of made-up key ids cannot hammer the issuer): so wait
    // for the verdict rather than expecting it on the first request.
    await expect
      .poll(async () => (await profileWith(after)).statusCode, { timeout: 45_000, interval: 1_000 })
      .toBe(200);
    expect((await profileWith(before)).statusCode).toBe(200);
  }, 60_000);
});
