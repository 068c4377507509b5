import http from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { StreamMessage, SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { readEventStream, type ServerSentEvent } from '../../../src/lib/sync/event-stream-reader';

/** One open `GET /api/sync/:siteId/stream`, read as a client reads it. Close it when done. */
export interface StreamClient {
  events: ServerSentEvent[];
  /** Settles when the server ends the stream (or it breaks). */
  ended: Promise<void>;
  /** The first event, from those so far or to come, that `match` accepts. */
  waitFor(match: (event: ServerSentEvent) => boolean, what: string, timeoutMs?: number): Promise<ServerSentEvent>;
  /** Every document received in `{documents, checkpoint}` messages so far. */
  documents(): SyncDocument[];
  close(): void;
}

/** Where a listening app answers on loopback. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a port');
  return `http://127.0.0.1:${address.port}`;
}

/** A stream the server refused: its status and JSON body. */
export interface RefusedStream {
  status: number;
  contentType: string | undefined;
  body: { error?: { code: string } };
}

/**
 * Opens a stream on its own connection, as a browser's would be, and reads it incrementally.
 * Node's http rather than fetch: fetch's connection pool opens spare connections of its own, which
 * would keep the app's close waiting on sockets no test owns.
 */
export async function openStream(
  baseUrl: string,
  siteId: string,
  token: string | undefined,
  options: { read?: boolean } = {}
): Promise<StreamClient | RefusedStream> {
  const request = http.get(`${baseUrl}/api/sync/${siteId}/stream`, {
    agent: false,
    headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) }
  });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  if (response.statusCode !== 200) {
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return {
      status: response.statusCode ?? 0,
      contentType: response.headers['content-type'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8'))
    };
  }
  // A dropped or closed connection ends the stream; it is not an error of the test.
  request.on('error', () => {});
  response.on('error', () => {});
  // A client that never reads: the socket stops being read once Node's small buffer is full.
  if (options.read === false) response.pause();

  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  const ended =
    options.read === false
      ? new Promise<void>((resolve) => response.once('close', resolve))
      : readEventStream(Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>, (event) => {
          events.push(event);
          for (const wake of waiters) wake();
        }).catch(() => {});
  let closed = false;
  void ended.finally(() => {
    closed = true;
    for (const wake of waiters) wake();
  });

  return {
    events,
    ended,
    async waitFor(match, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (closed) throw new Error(`the stream ended before ${what}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(wake, remaining);
          function wake() {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          }
          waiters.add(wake);
        });
      }
    },
    documents() {
      return events
        .filter((event) => event.event === 'message')
        .map((event) => JSON.parse(event.data) as StreamMessage)
        .flatMap((message) => (message === 'RESYNC' ? [] : message.documents));
    },
    close() {
      request.destroy();
    }
  };
}

export const isResync = (event: ServerSentEvent) => event.event === 'message' && JSON.parse(event.data) === 'RESYNC';

/** Whether the event carries the document with the id (optionally in a given version). */
export const carries = (id: string, match: (document: SyncDocument) => boolean = () => true) => (event: ServerSentEvent) => {
  if (event.event !== 'message') return false;
  const message = JSON.parse(event.data) as StreamMessage;
  return message !== 'RESYNC' && message.documents.some((document) => document.id === id && match(document));
};
