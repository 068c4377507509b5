import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpError } from '../http-errors';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

export interface AppMetrics {
  registry: Registry;
  writes: Counter<'action'>;
  authFailures: Counter<'code'>;
  /** Replication event streams open on this instance. */
  openStreams: Gauge;
}

/**
 * Prometheus metrics at GET /metrics, for scrapers that bear METRICS_TOKEN when it is set. Each app
 * has its own registry, so several apps in one process (tests, or two instances in a benchmark)
 * count separately.
 */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry]
    });
    const latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry]
    });
    const metrics: AppMetrics = {
      registry,
      writes: new Counter({
        name: 'interaction_writes_total',
        help: 'Interaction writes committed, by action.',
        labelNames: ['action'] as const,
        registers: [registry]
      }),
      authFailures: new Counter({
        name: 'auth_failures_total',
        help: 'Requests refused for their access token, by error code.',
        labelNames: ['code'] as const,
        registers: [registry]
      }),
      openStreams: new Gauge({
        name: 'sync_streams_open',
        help: 'Replication event streams open on this instance.',
        registers: [registry]
      })
    };
    // Read when scraped: the live-editing rooms are registered after this plugin.
    new Gauge({
      name: 'collab_rooms_open',
      help: 'Live-editing rooms (records open for co-editing) on this instance.',
      registers: [registry],
      collect() {
        this.set(app.hasDecorator('collabRooms') ? app.collabRooms.size : 0);
      }
    });
    new Gauge({
      name: 'collab_sockets_open',
      help: 'Live-editing sockets in the rooms of this instance.',
      registers: [registry],
      collect() {
        this.set(app.hasDecorator('collabRooms') ? app.collabRooms.peerCount : 0);
      }
    });
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the raw URL: ids in paths would make every request its own series.
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: reply.statusCode });
      latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });

    const { metricsToken } = app.config;
    app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
      if (metricsToken !== undefined) checkScraper(request, metricsToken);
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['config'] }
);

function checkScraper(request: FastifyRequest, token: string): void {
  const header = request.headers.authorization;
  if (!header) throw new HttpError(401, 'AUTH_MISSING', 'The metrics need the scrape token (METRICS_TOKEN) as a bearer token.');
  // Compared as digests of equal length, so the time taken says nothing about the token.
  if (!timingSafeEqual(digest(header), digest(`Bearer ${token}`))) {
    throw new HttpError(401, 'AUTH_FAILED', 'That is not the scrape token (METRICS_TOKEN).');
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
