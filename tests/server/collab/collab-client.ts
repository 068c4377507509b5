import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import type { TestDatabase } from '../helpers/test-databases';
import { listen } from '../sync/event-stream-client';
import { UNTHROTTLED } from '../sync/replica';
import { waitFor } from '../../support/wait-for';

export { listen };

/**
 * An API on `testDatabase`, listening on loopback for the describe block's sockets, closed after it:
 * read `api` and `baseUrl` inside its tests.
 */
export function listeningApi(testDatabase: TestDatabase): { api: ApiFixture; baseUrl: string } {
  const fixture = {} as { api: ApiFixture; baseUrl: string };
  beforeAll(async () => {
    fixture.api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    fixture.baseUrl = await listen(fixture.api.app);
  });
  afterAll(() => fixture.api?.dispose());
  return fixture;
}

/** The serverUrl a WebsocketProvider is given for a site; its roomName is the interaction id. */
export function collabServerUrl(baseUrl: string, siteId = LEEDS.id): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/yjs/${siteId}`;
}

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  notes(): string;
  destroy(): void;
}

/** A stock y-websocket client in Node, as a browser tab would hold one; resolves once synced. */
export async function connectPeer(options: { baseUrl: string; token: string; id: string; siteId?: string }): Promise<Peer> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabServerUrl(options.baseUrl, options.siteId), options.id, doc, {
    params: { token: options.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
  const peer = {
    doc,
    provider,
    notes: () => doc.getText('notes').toString(),
    destroy() {
      provider.destroy();
      doc.destroy();
    }
  };
  await waitFor(() => provider.synced, 'the provider to sync');
  return peer;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  /** Settles with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare socket to the endpoint, for what a well-behaved client never sends. */
export function openRaw(url: string): RawSocket {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  );
  return { ws, messages, closed };
}

export function roomUrl(baseUrl: string, options: { id: string; token?: string; siteId?: string }): string {
  const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
  return `${collabServerUrl(baseUrl, options.siteId)}/${options.id}${query}`;
}

/** Resolves once the socket is open, or rejects when it closes first. */
export async function opened(socket: RawSocket): Promise<void> {
  if (socket.ws.readyState === WebSocket.OPEN) return;
  await new Promise<void>((resolve, reject) => {
    socket.ws.once('open', () => resolve());
    void socket.closed.then((close) => reject(new Error(`closed ${close.code} before opening`)));
  });
}

/** Resolves once the app holds no open rooms (every last leave has been written). */
export async function roomsClosed(app: FastifyInstance): Promise<void> {
  await waitFor(() => app.collabRooms.size === 0, 'every room to unload');
}
