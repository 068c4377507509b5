import type { ServerResponse } from 'node:http';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ACCESS_CHANGED_EVENT, MAX_SYNC_BATCH, type RefusedDocument } from '../../src/lib/domain/sync-protocol';
import { compileRequestCheck } from '../validator-compiler';
import type { RemoteChange } from '../services/remote-changes';
import { EventStream, HEARTBEAT_FRAME, namedEventFrame } from '../sync/event-stream';
import { decodeBase64 } from '../sync/wire';
import { InteractionResponse, Uuid } from './schemas';

const SiteParams = Type.Object({ siteId: Uuid('Site') });

const PullQuery = Type.Object(
  {
    checkpoint: Type.Optional(Type.String({ title: 'Checkpoint', maxLength: 100 })),
    limit: Type.Integer({ title: 'Limit', minimum: 1, maximum: MAX_SYNC_BATCH, default: 100 }),
    // The protocol documents `remaining=1`; a query string's true/false is taken as well.
    remaining: Type.Union([Type.Boolean(), Type.Literal(1), Type.Literal(0)], { title: 'Remaining', default: false })
  },
  { additionalProperties: false }
);

const SyncDocumentSchema = Type.Composite([
  InteractionResponse,
  Type.Object({ crdt: Type.String(), serverSeq: Type.Integer() })
]);

/** Exported for the benchmark's baseline, which must pay for the same serializer. */
export const PullResponseSchema = Type.Object({
  documents: Type.Array(SyncDocumentSchema),
  checkpoint: Type.Union([Type.String(), Type.Null()]),
  remaining: Type.Optional(Type.Integer())
});

// The server reads only these of a pushed document: its fields are derived again from the state.
const PushedDocument = Type.Object({
  id: Uuid('Id'),
  siteId: Uuid('Site'),
  crdt: Type.String({ title: 'State', minLength: 1, maxLength: 4 * 1024 * 1024 }),
  updatedAt: Type.Optional(Type.String({ title: 'Updated at', format: 'date-time' }))
});
const AssumedDocument = Type.Object({ serverSeq: Type.Union([Type.Integer(), Type.Null()]) });
const PushRow = Type.Object({
  assumedMasterState: Type.Optional(Type.Union([AssumedDocument, Type.Null()])),
  newDocumentState: PushedDocument
});
type PushRow = Static<typeof PushRow>;
const checkPushRow = compileRequestCheck(PushRow, 'document');
// Each row is checked on its own in the handler, against PushRow: one malformed document is refused
// alone, and the rest of its batch is stored (a device would otherwise resend the batch for ever).
const PushBody = Type.Array(Type.Unknown(), { maxItems: MAX_SYNC_BATCH });

const RefusedSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() })))
});

/** A push of a full batch, each document with its state, is larger than an ordinary request. */
const PUSH_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/** Replication (DESIGN §4): pull, push and the live stream of one site. */
const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sync/:siteId/pull',
    {
      schema: {
        params: SiteParams,
        querystring: PullQuery,
        response: { 200: PullResponseSchema }
      }
    },
    (request) => {
      const { checkpoint, limit, remaining } = request.query;
      return app.replication.pull(request.actor, { siteId: request.params.siteId, checkpoint, limit, remaining: Boolean(remaining) });
    }
  );

  app.post(
    '/api/sync/:siteId/push',
    {
      bodyLimit: PUSH_BODY_LIMIT_BYTES,
      schema: {
        params: SiteParams,
        body: PushBody,
        response: { 200: Type.Object({ conflicts: Type.Array(SyncDocumentSchema), refused: Type.Array(RefusedSchema) }) }
      }
    },
    async (request) => {
      const changes: RemoteChange[] = [];
      const refused: RefusedDocument[] = [];
      for (const row of request.body) {
        const fields = checkPushRow(row);
        if (fields.length > 0) {
          refused.push({ id: claimedId(row), code: 'VALIDATION_FAILED', message: 'The document is not valid.', fields });
          continue;
        }
        const valid = row as PushRow;
        const crdt = decodeBase64(valid.newDocumentState.crdt);
        if (!crdt) refused.push({ id: valid.newDocumentState.id, code: 'INVALID_STATE', message: 'The document’s state is not base64.' });
        else changes.push(remoteChange(valid, crdt));
      }
      const outcome = await app.replication.push(request.actor, request.params.siteId, changes);
      return { conflicts: outcome.conflicts, refused: [...refused, ...outcome.refused] };
    }
  );

  // Open streams and their responses, for the heartbeat (one timer for all rather than one each)
  // and for shutdown.
  const streams = new Map<EventStream, ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const stream of streams.keys()) stream.write(HEARTBEAT_FRAME);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let closing = false;
  // Before the server waits for open connections to finish, or it would wait for ever. The
  // clients reconnect to another instance and pull from their checkpoints: nothing is lost.
  app.addHook('preClose', async () => {
    closing = true;
    clearInterval(heartbeat);
    for (const [stream, response] of streams) {
      stream.end();
      response.destroy();
    }
  });

  // No HEAD twin: a stream's headers promise a body that never ends, and Fastify would still pipe it.
  app.get('/api/sync/:siteId/stream', { exposeHeadRoute: false, schema: { params: SiteParams } }, async (request, reply) => {
    const { siteId } = request.params;
    const stream = new EventStream();
    // Reconnect soon after a drop; the feed's first message is 'RESYNC' (see SiteStreams.subscribe).
    stream.write(`retry: 2000\n\n${HEARTBEAT_FRAME}`);
    const unfollow = await app.replication.follow(request.actor, siteId, {
      send: (frame) => stream.write(frame),
      accessChanged: () => stream.end(namedEventFrame(ACCESS_CHANGED_EVENT, { siteId }))
    });
    streams.set(stream, reply.raw);
    app.metrics.openStreams.inc();
    const release = () => {
      // Once: a stream dropped while `follow` was still checking may have closed already.
      if (!streams.delete(stream)) return;
      unfollow();
      app.metrics.openStreams.dec();
    };
    stream.body.on('close', release);
    if (stream.body.destroyed) release();
    // Opened while the server began closing, after the hook above ended the others.
    if (closing) stream.end();
    // A client gone away ends its stream (and so its subscription) at once.
    reply.raw.on('close', () => stream.end());
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no')
      // The connection belongs to this stream alone: closed with it, so a server shutting down
      // (which ends every stream) is not left waiting on an idle keep-alive socket.
      .header('connection', 'close')
      .send(stream.body);
  });
};

/** The id a malformed row gives itself, so its refusal can name it (empty when it has none). */
function claimedId(row: unknown): string {
  const id = (row as { newDocumentState?: { id?: unknown } } | null)?.newDocumentState?.id;
  return typeof id === 'string' ? id.slice(0, 100) : '';
}

function remoteChange({ assumedMasterState, newDocumentState }: PushRow, crdt: Uint8Array): RemoteChange {
  return {
    id: newDocumentState.id,
    siteId: newDocumentState.siteId,
    crdt,
    assumedServerSeq: assumedMasterState?.serverSeq ?? null,
    authoredAt: newDocumentState.updatedAt
  };
}

export default syncRoutes;
