import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { readAppShell } from '../app-shell';
import { HttpError } from '../http-errors';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts one failed sign-in from an address outside any request (the live-editing socket's
     * upgrade, which no route sees) with that address's anonymous HTTP traffic; resolves to the
     * seconds to wait once the address is past its limit, else undefined.
     */
    chargeFailedSignIn(ip: string): Promise<number | undefined>;
  }
}

// Probes come from the platform, often from one address, and must never be throttled; the app's own
// files are cached by the service worker and are not what the limit protects.
const UNLIMITED_API_ROUTES = new Set(['/api/health', '/api/ready']);

const MODEL_HUB_ORIGINS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

function isUnlimited(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') || UNLIMITED_API_ROUTES.has(request.routeOptions.url ?? '');
}

/** Security headers with a CSP the app can live with, CORS from an allowlist, and rate limits. */
export default fp(
  async (app) => {
    const { auth, corsOrigins, staticDir, rateLimitPerMinute } = app.config;
    const identityProvider = auth.mode === 'auth0' ? [new URL(auth.issuer).origin] : [];

    // One middleware for the life of the server: the Fastify wrapper builds a new one (parsing the
    // whole policy again) for every request, a measurable share of a cheap request's time.
    const setSecurityHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // 'wasm-unsafe-eval' lets the embedding model and PGlite compile WebAssembly; nothing else
          // may run that the app did not ship, including SvelteKit's inline start-up script by hash.
          scriptSrc: ["'self'", "'wasm-unsafe-eval'", ...(readAppShell(staticDir)?.inlineScriptHashes ?? [])],
          workerSrc: ["'self'", 'blob:'],
          // The model hub and its download hosts: semantic search falls back to them when this
          // server has no model files (MODELS_DIR).
          connectSrc: ["'self'", ...identityProvider, ...MODEL_HUB_ORIGINS],
          frameSrc: identityProvider.length > 0 ? identityProvider : ["'none'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
          // Off: on a plain-http intranet address it would send the app's requests to an https
          // port that is not there. Deployments behind TLS get HSTS instead.
          upgradeInsecureRequests: null
        }
      },
      // The app loads its model files and wasm from its own origin only; the default would also
      // block them in some browsers' worker contexts.
      crossOriginEmbedderPolicy: false
    });
    app.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, () => done()));

    await app.register(cors, { origin: corsOrigins.length > 0 ? corsOrigins : false, credentials: false });

    await app.register(rateLimit, {
      max: rateLimitPerMinute,
      timeWindow: '1 minute',
      // After authentication, so a signed-in user is limited as themselves wherever they connect
      // from, and anonymous traffic by its address.
      hook: 'preHandler',
      keyGenerator: (request: FastifyRequest) => (request.user ? `user:${request.user.id}` : `ip:${request.ip}`),
      allowList: isUnlimited,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`)
    });

    // The limiter's own counts; the request is shaped as the key generator and allow list above
    // read one: anonymous, on the API.
    const limitAddress = app.createRateLimit();
    app.decorate('chargeFailedSignIn', async (ip: string) => {
      const verdict = await limitAddress({ ip, url: '/api/', user: null, routeOptions: {} } as unknown as FastifyRequest);
      return !verdict.isAllowed && verdict.isExceeded ? verdict.ttlInSeconds : undefined;
    });
  },
  { name: 'security', dependencies: ['config'] }
);
