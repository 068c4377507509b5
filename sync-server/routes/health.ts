import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Kept short so a load balancer's probe gets an answer before its own timeout.
const READY_TIMEOUT_MS = 2_000;

const HealthResponse = Type.Object({ status: Type.Literal('ok') });
const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  database: Type.String()
});
const VersionResponse = Type.Object({ version: Type.String(), node: Type.String(), database: Type.String() });

/** Probes: `health` says the process answers, `ready` that it can reach its database. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: { response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const
  }));

  app.get(
    '/api/ready',
    { schema: { response: { 200: ReadyResponse, 503: ReadyResponse } } },
    async (request, reply) => {
      try {
        await withTimeout(app.db.query('SELECT 1'), READY_TIMEOUT_MS);
        return { status: 'ready' as const, database: app.db.kind };
      } catch (error) {
        request.log.warn({ err: error }, 'database not ready');
        return reply.status(503).send({ status: 'unavailable' as const, database: app.db.kind });
      }
    }
  );

  app.get('/api/version', { schema: { response: { 200: VersionResponse } } }, async () => ({
    version: app.config.appVersion,
    node: process.version,
    database: app.db.kind
  }));
};

export default healthRoutes;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
