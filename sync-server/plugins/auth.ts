import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { createRemoteJWKSet } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, openDevIssuer, type DevIssuer } from '../auth/dev-issuer';
import { createTokenVerifier, unauthorized, withTokenCache, type TokenVerifier } from '../auth/token-verifier';
import type { HttpError } from '../http-errors';
import type { UserRow } from '../repositories/users-repository';
import type { Actor } from '../services/actor';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook: verifies the bearer token and sets `request.user`, or answers 401/503. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /**
     * The user an access token speaks for, for callers outside a request (the live-editing socket);
     * throws the same 401/503 HttpErrors as `authenticate`.
     */
    identify: (token: string) => Promise<UserRow>;
    /** Present only in dev auth mode. */
    devIssuer?: DevIssuer;
  }
  interface FastifyRequest {
    user: UserRow;
    /** The verified user as services take their caller. */
    actor: Actor;
  }
}

// How long fetched signing keys are trusted before they are fetched again, and how long one fetch
// may take before the request answers 503.
const JWKS_CACHE_MAX_AGE_MS = 10 * 60 * 1000;
const JWKS_TIMEOUT_MS = 5_000;
// Bounded so a stream of distinct tokens cannot grow memory; short-lived so a key rotated out stops
// being honoured within minutes.
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;
const VERIFIED_TOKEN_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Identity for every API route. Production verifies Auth0's tokens against its published keys; the
 * dev issuer's tokens go through the very same verifier with the dev issuer's key set.
 */
export default fp(
  async (app) => {
    const auth = app.config.auth;
    let verify: TokenVerifier;
    if (auth.mode === 'dev') {
      const devIssuer = await openDevIssuer(app.config.dataDir);
      app.decorate('devIssuer', devIssuer);
      verify = createTokenVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keys: devIssuer.keys });
    } else {
      const keys = createRemoteJWKSet(new URL(auth.jwksUrl), {
        cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        timeoutDuration: JWKS_TIMEOUT_MS
      });
      verify = createTokenVerifier({ issuer: auth.issuer, audience: auth.audience, keys });
    }

    verify = withTokenCache(verify, { maxEntries: VERIFIED_TOKEN_CACHE_SIZE, maxAgeMs: VERIFIED_TOKEN_MAX_AGE_MS });
    // The limiter's own hook runs after this one and so never sees a refused request; refusals are
    // anonymous traffic and count against their address here, or a flood of bad tokens goes unlimited.
    const limitAnonymous = app.rateLimit();
    app.decorate('identify', async (token: string) => {
      try {
        return await app.users.resolve(await verify(token));
      } catch (error) {
        app.metrics.authFailures.inc({ code: (error as HttpError).code ?? 'AUTH_FAILED' });
        throw error;
      }
    });
    app.decorateRequest('user', null as unknown as UserRow);
    app.decorateRequest('actor', null as unknown as Actor);
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      let identity;
      try {
        identity = await verify(bearerToken(request));
      } catch (error) {
        app.metrics.authFailures.inc({ code: (error as HttpError).code ?? 'AUTH_FAILED' });
        await limitAnonymous.call(app, request, reply);
        throw error;
      }
      request.user = await app.users.resolve(identity);
      request.actor = { userId: request.user.id };
      // Both: Fastify writes its "request completed" line through reply.log, its own reference.
      request.log = reply.log = request.log.child({ userId: request.user.id });
    });
  },
  { name: 'auth', dependencies: ['config', 'metrics', 'security', 'users-service'] }
);

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('AUTH_MISSING', 'Sign in: this request needs an access token.');
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match) throw unauthorized('AUTH_NOT_BEARER', 'The Authorization header must be “Bearer <token>”.');
  return match[1];
}
