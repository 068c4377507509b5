import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FilterQuery, InteractionResponse } from './schemas';

const SearchQuery = Type.Object(
  { q: Type.String({ title: 'Search text', minLength: 1, maxLength: 500 }), ...FilterQuery },
  { additionalProperties: false }
);

const SearchHit = Type.Composite([
  InteractionResponse,
  Type.Object({
    rank: Type.Number(),
    snippet: Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }))
  })
]);

/** Server-side full-text search (web-search syntax: quotes, OR, -word), ranked, with snippets. */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search/interactions',
    {
      schema: {
        querystring: SearchQuery,
        response: { 200: Type.Object({ items: Type.Array(SearchHit), nextCursor: Type.Union([Type.String(), Type.Null()]) }) }
      }
    },
    (request) => app.finder.search(request.actor, request.query)
  );
};

export default searchRoutes;
