import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FieldError } from '../../src/lib/domain';
import { SORT_COLUMNS } from '../repositories/interaction-queries';
import { RequestValidationError, type RequestValidationFailure } from '../validator-compiler';
import { CreateInteractionBody, FilterQuery, IdParams, InteractionResponse, UpdateInteractionBody } from './schemas';

const SORTS = Object.keys(SORT_COLUMNS).flatMap((field) => [field, `-${field}`]);

const ListQuery = Type.Object(
  { ...FilterQuery, sort: Type.Union(SORTS.map((sort) => Type.Literal(sort)), { title: 'Sort', default: '-startDatetime' }) },
  { additionalProperties: false }
);

const FieldValue = Type.Union([Type.String(), Type.Boolean(), Type.Null()]);

/** One write of a record: who, what it changed from what to what, when made and when received. */
const HistoryEntry = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  /** Every entry has it; entries written before migration 0011 have no `changes`, only this. */
  changedFields: Type.Array(Type.String()),
  changes: Type.Array(Type.Object({ field: Type.String(), from: FieldValue, to: FieldValue })),
  user: Type.Object({ id: Type.String(), name: Type.String() }),
  userId: Type.String(),
  userName: Type.String(),
  authoredAt: Type.String(),
  receivedAt: Type.String()
});

/** Reading and writing interactions; every write goes through the one interactions service. */
const interactionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/interactions',
    {
      schema: {
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(InteractionResponse), nextCursor: Type.Union([Type.String(), Type.Null()]) }) }
      }
    },
    (request) => app.finder.list(request.actor, request.query)
  );

  app.get(
    '/api/interactions/:id',
    { schema: { params: IdParams, response: { 200: InteractionResponse } } },
    (request) => app.interactions.get(request.actor, request.params.id)
  );

  app.get(
    '/api/interactions/:id/history',
    { schema: { params: IdParams, response: { 200: Type.Array(HistoryEntry) } } },
    (request) => app.interactions.history(request.actor, request.params.id)
  );

  app.post(
    '/api/interactions',
    { attachValidation: true, schema: { body: CreateInteractionBody, response: { 200: InteractionResponse, 201: InteractionResponse } } },
    async (request, reply) => {
      const invalidFields = fieldFindings(request, ['siteId', 'id']);
      const { siteId, id, ...fields } = request.body;
      const { record, created } = await app.interactions.create(request.actor, { siteId, id, fields, invalidFields });
      // A retry of a create already stored answers 200 with the record: the client's own, kept once.
      return reply.status(created ? 201 : 200).header('location', `/api/interactions/${record.id}`).send(record);
    }
  );

  app.patch(
    '/api/interactions/:id',
    { attachValidation: true, schema: { params: IdParams, body: UpdateInteractionBody, response: { 200: InteractionResponse } } },
    (request) =>
      app.interactions.update(request.actor, request.params.id, {
        patch: request.body,
        invalidFields: fieldFindings(request, [])
      })
  );

  app.delete('/api/interactions/:id', { schema: { params: IdParams } }, async (request, reply) => {
    await app.interactions.remove(request.actor, request.params.id);
    return reply.status(204).send();
  });
};

/**
 * What the body schema found wrong with an interaction's own fields. The service adds what only the
 * domain rules can find (the site's types, a real time zone, end after start), so every broken rule
 * is reported at once. Anything else (the path, a site or id that is not a UUID, a body that is not
 * an object) stops the request here.
 */
function fieldFindings(request: FastifyRequest, stopping: string[]): FieldError[] {
  const error: Error | undefined = request.validationError;
  if (!error) return [];
  if (!(error instanceof RequestValidationError)) throw error;
  const { fields, validationContext } = error as RequestValidationFailure;
  if (validationContext !== 'body' || fields.some(({ field }) => field === '' || stopping.includes(field))) throw error;
  return fields;
}

export default interactionRoutes;
