import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PullResponseSchema } from '../../sync-server/routes/sync';
import type { ServerExtension } from '../lib/server-process';
import { BASELINE_PULL_PATH, PULL_PATH } from './fixtures';

const Query = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1_000 }) });

/**
 * The ceiling the pull is measured against: the site's first page of `limit` documents, fetched
 * once through the real pull and then answered from memory for every request, behind the same
 * authentication, rate limit and hooks, through the same response serializer. The difference to
 * the pull is its own work: the membership check, the query and the base64 of each state. Added in
 * the benchmark's server process only.
 */
const addBaselineRoute: ServerExtension = (server) => {
  const pages = new Map<number, Promise<unknown>>();
  server.get(
    BASELINE_PULL_PATH,
    { onRequest: server.authenticate, schema: { querystring: Query, response: { 200: PullResponseSchema } } },
    (request) => {
      const { limit } = request.query as { limit: number };
      let page = pages.get(limit);
      if (!page) {
        page = fetchFirstPage(server, request.headers.authorization ?? '', limit);
        page.catch(() => pages.delete(limit));
        pages.set(limit, page);
      }
      return page;
    }
  );
};

async function fetchFirstPage(server: FastifyInstance, authorization: string, limit: number): Promise<unknown> {
  const response = await server.inject({ method: 'GET', url: `${PULL_PATH}?limit=${limit}`, headers: { authorization } });
  if (response.statusCode !== 200) throw new Error(`the pull answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

export default addBaselineRoute;
