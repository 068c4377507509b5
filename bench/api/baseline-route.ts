import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { InteractionResponse } from '../../sync-server/routes/schemas';
import type { ServerExtension } from '../lib/server-process';
import { BASELINE_PATH, LIST_PATH } from './fixtures';

// The list route's response schema, so the baseline pays for the same serializer and the
// difference between the two is the Finder's work: the membership check and the query.
const ListResponse = Type.Object({
  items: Type.Array(InteractionResponse),
  nextCursor: Type.Union([Type.String(), Type.Null()])
});

/**
 * The ceiling the API scenarios are measured against: the list's first page, fetched once through
 * the real list route and then answered from memory, behind the same authentication, rate limit,
 * metrics and security headers. Added in the benchmark's server process only, never in production.
 */
const addBaselineRoute: ServerExtension = (server) => {
  let page: Promise<unknown> | undefined;
  server.get(
    BASELINE_PATH,
    { onRequest: server.authenticate, schema: { response: { 200: ListResponse } } },
    (request) => {
      page ??= fetchListPage(server, request.headers.authorization ?? '').catch((error: unknown) => {
        page = undefined;
        throw error;
      });
      return page;
    }
  );
};

async function fetchListPage(server: FastifyInstance, authorization: string): Promise<unknown> {
  const response = await server.inject({ method: 'GET', url: LIST_PATH, headers: { authorization } });
  if (response.statusCode !== 200) throw new Error(`the list answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

export default addBaselineRoute;
