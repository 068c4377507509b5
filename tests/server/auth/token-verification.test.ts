import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../sync-server/db/database';
import { DEMO_USERS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { buildTestApp } from '../helpers/build-app';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { expectError } from '../security/error-envelope';
import {
  auth0Env,
  createTestIssuer,
  hs256WithPublicKey,
  nowInSeconds,
  startJwksServer,
  TEST_AUDIENCE,
  TEST_ISSUER,
  unsignedToken,
  type JwksServer,
  type TestIssuer
} from './test-issuer';

function getProfile(app: FastifyInstance, authorization?: string) {
  return app.inject({ method: 'GET', url: '/api/users/profile', headers: authorization ? { authorization } : {} });
}

const bearer = (token: string) => `Bearer ${token}`;

describe('access tokens from the identity provider (AUTH_MODE=auth0)', () => {
  let issuer: TestIssuer;
  let jwksServer: JwksServer;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    jwksServer = await startJwksServer(issuer.jwks);
  });
  afterAll(() => jwksServer.close());

  describe('refusals', () => {
    let handle: DisposableDatabase;
    let app: FastifyInstance;

    beforeAll(async () => {
      handle = await testDatabases[0].open();
      app = await buildTestApp({ database: handle.db, env: auth0Env(jwksServer.url) });
    });
    afterAll(async () => {
      await app.close();
      await handle.dispose();
    });

    it('refuses a request without an Authorization header (AUTH_MISSING)', async () => {
      expectError(await getProfile(app), 401, 'AUTH_MISSING');
    });

    it('refuses a scheme other than Bearer (AUTH_NOT_BEARER)', async () => {
      expectError(await getProfile(app, 'Basic YWRhOnNlY3JldA=='), 401, 'AUTH_NOT_BEARER');
    });

    it('refuses an unsigned alg "none" token (AUTH_ALGORITHM)', async () => {
      expectError(await getProfile(app, bearer(unsignedToken())), 401, 'AUTH_ALGORITHM');
    });

    it('refuses an HS256 token keyed with the public key (AUTH_ALGORITHM)', async () => {
      expectError(await getProfile(app, bearer(await hs256WithPublicKey(issuer))), 401, 'AUTH_ALGORITHM');
    });

    it('refuses a token signed with a key the issuer does not publish (AUTH_UNKNOWN_KEY)', async () => {
      const stranger = await createTestIssuer('someone-elses-key');
      expectError(await getProfile(app, bearer(await stranger.signToken())), 401, 'AUTH_UNKNOWN_KEY');
    });

    it('refuses a token signed by another key that claims the published kid (AUTH_BAD_SIGNATURE)', async () => {
      const impostor = await createTestIssuer(issuer.kid);
      expectError(await getProfile(app, bearer(await impostor.signToken())), 401, 'AUTH_BAD_SIGNATURE');
    });

    it('refuses a token with an unknown critical header as a forgery, not an outage (AUTH_UNSUPPORTED)', async () => {
      // Made without any key: the header is refused before a signature is looked at.
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const header = { alg: 'RS256', kid: issuer.kid, typ: 'JWT', crit: ['x-unknown'], 'x-unknown': true };
      const claims = { iss: TEST_ISSUER, aud: TEST_AUDIENCE, sub: 'auth0|crit', exp: nowInSeconds() + 300 };
      const token = `${part(header)}.${part(claims)}.${Buffer.from('not a signature').toString('base64url')}`;
      expectError(await getProfile(app, bearer(token)), 401, 'AUTH_UNSUPPORTED');
    });

    it('refuses a token that expired more than 60 s ago (AUTH_EXPIRED)', async () => {
      const token = await issuer.signToken({ iat: nowInSeconds() - 600, exp: nowInSeconds() - 90 });
      expectError(await getProfile(app, bearer(token)), 401, 'AUTH_EXPIRED');
    });

    it('accepts a token that expired 30 s ago, within the clock skew', async () => {
      const token = await issuer.signToken({ iat: nowInSeconds() - 600, exp: nowInSeconds() - 30 });
      const response = await getProfile(app, bearer(token));
      expect(response.statusCode, response.body).toBe(200);
    });

    it('refuses a token from another issuer (AUTH_WRONG_ISSUER)', async () => {
      const token = await issuer.signToken({ iss: 'https://elsewhere.test/' });
      expectError(await getProfile(app, bearer(token)), 401, 'AUTH_WRONG_ISSUER');
    });

    it('refuses a token meant for another API (AUTH_WRONG_AUDIENCE)', async () => {
      const token = await issuer.signToken({ aud: 'urn:test:other-api' });
      expectError(await getProfile(app, bearer(token)), 401, 'AUTH_WRONG_AUDIENCE');
    });

    it('refuses a token that is not a JWT at all (AUTH_MALFORMED)', async () => {
      expectError(await getProfile(app, bearer('not-a-jwt')), 401, 'AUTH_MALFORMED');
    });
  });

  describe.each(testDatabases)('first sign-in on $kind', (testDatabase) => {
    let handle: DisposableDatabase;
    let app: FastifyInstance;

    beforeAll(async () => {
      handle = await testDatabase.open();
      app = await buildTestApp({ database: handle.db, env: auth0Env(jwksServer.url) });
      // After the app: its start runs the migrations.
      await seedDemoData(handle.db, { interactions: 0 });
    });
    afterAll(async () => {
      await app.close();
      await handle.dispose();
    });

    it('creates a user for a never-seen subject from the token’s email and name, stamping last_login', async () => {
      const subject = `auth0|${randomUUID()}`;
      const token = await issuer.signToken({ sub: subject, email: 'new.person@example.org', name: 'New Person' });

      const response = await getProfile(app, bearer(token));

      expect(response.statusCode, response.body).toBe(200);
      const rows = await usersWithSubject(handle.db, subject);
      expect(rows).toEqual([
        { id: response.json().id, email: 'new.person@example.org', name: 'New Person', lastLogin: expect.any(Date) }
      ]);
      expect(response.json()).toEqual({ id: rows[0].id, email: 'new.person@example.org', name: 'New Person', orgAdmin: false });
    });

    it('finds that user again on the next request instead of creating another', async () => {
      const subject = `auth0|${randomUUID()}`;
      const token = await issuer.signToken({ sub: subject, email: 'again@example.org', name: 'Again' });

      const first = await getProfile(app, bearer(token));
      const second = await getProfile(app, bearer(token));

      expect(second.statusCode, second.body).toBe(200);
      expect(second.json().id).toBe(first.json().id);
      expect(await usersWithSubject(handle.db, subject)).toHaveLength(1);
    });

    it('resolves a known subject to the existing user', async () => {
      const ada = DEMO_USERS[0];
      const token = await issuer.signToken({ sub: ada.authSubject, email: ada.email, name: ada.name });

      const response = await getProfile(app, bearer(token));

      expect(response.json()).toEqual({ id: ada.id, email: ada.email, name: ada.name, orgAdmin: true });
      expect(await usersWithSubject(handle.db, ada.authSubject)).toHaveLength(1);
    });
  });

  describe('the issuer’s key set', () => {
    // Each test gets an app of its own, whose key cache starts empty; they can share a database.
    let handle: DisposableDatabase;
    const cleanups: Array<() => Promise<unknown>> = [];
    beforeAll(async () => {
      handle = await testDatabases[0].open();
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterAll(() => handle.dispose());

    async function appFetchingKeysFrom(jwksUrl: string): Promise<FastifyInstance> {
      const app = await buildTestApp({ database: handle.db, env: auth0Env(jwksUrl) });
      cleanups.push(() => app.close());
      return app;
    }

    it('is fetched once and cached across requests', async () => {
      const server = await startJwksServer(issuer.jwks);
      cleanups.push(() => server.close());
      const app = await appFetchingKeysFrom(server.url);

      for (const sub of ['auth0|cache-1', 'auth0|cache-2', 'auth0|cache-3']) {
        const response = await getProfile(app, bearer(await issuer.signToken({ sub })));
        expect(response.statusCode, response.body).toBe(200);
      }

      expect(server.hits).toBe(1);
    });

    it('answers 503 AUTH_UNAVAILABLE, not 401, when the key set cannot be fetched', async () => {
      const server = await startJwksServer(issuer.jwks);
      await server.close();
      const app = await appFetchingKeysFrom(server.url);

      expectError(await getProfile(app, bearer(await issuer.signToken())), 503, 'AUTH_UNAVAILABLE');
    });
  });
});

async function usersWithSubject(db: Database, subject: string) {
  const { rows } = await db.query<{ id: string; email: string; name: string; lastLogin: Date | null }>(
    'SELECT id, email, name, last_login AS "lastLogin" FROM users WHERE auth_subject = $1',
    [subject]
  );
  return rows;
}
