import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { WebSocket, type RawData } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Role } from '../../src/lib/domain';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION, encodeAwarenessUpdate, readAwarenessUpdate } from './awareness-check';
import { stampIdentity, type PresenceIdentity } from './awareness-identity';
import { CLOSE, MAX_BUFFERED_BYTES, type CloseReason } from './close-codes';
import { MalformedMessage, awarenessMessage, readClientMessage, syncStep1Message, syncStep2Message, type ClientMessage } from './protocol';
import type { Room, RoomPeer } from './room';
import type { RoomRegistry } from './room-registry';
import { coalesceWrites } from './write-coalescing';

export interface PeerSession {
  ws: WebSocket;
  /** The socket under `ws`, whose writes a burst of messages shares (see write-coalescing.ts). */
  socket: Duplex;
  registry: RoomRegistry;
  siteId: string;
  interactionId: string;
  userId: string;
  displayName: string;
  role: Role;
  /** When the socket's token expires: the socket is closed then, and the client comes back with a new one. */
  expiresAtMs: number;
  log: FastifyBaseLogger;
}

/**
 * Serves one accepted socket: joins its room (the record is checked there: no such record in the
 * site closes it with 4403 before any of the document is sent), then answers the y-websocket
 * protocol. Messages that arrive while the room loads wait, in order. The token is checked once, at
 * the upgrade, so the socket lives no longer than the token: at its `exp` it is closed with 4401.
 */
export function servePeer(session: PeerSession): void {
  const { ws, socket, registry, log } = session;
  let room: Room | undefined;
  let closed = false;
  const waiting: RawData[] = [];
  const identity: PresenceIdentity = { userId: session.userId, displayName: session.displayName };

  const peer: RoomPeer = {
    userId: session.userId,
    role: session.role,
    awarenessClients: new Set(),
    send(message) {
      if (closed || ws.readyState !== WebSocket.OPEN) return;
      // Bounded so a client that stops reading cannot make the server hold its updates without limit.
      if (ws.bufferedAmount + message.byteLength > MAX_BUFFERED_BYTES) return peer.close(CLOSE.SLOW_CONSUMER);
      coalesceWrites(socket);
      ws.send(message);
    },
    close(reason) {
      if (closed) return;
      closed = true;
      ws.close(reason.code, reason.reason);
    }
  };

  const handle = (data: RawData, isBinary: boolean) => {
    if (closed) return;
    if (!room) {
      waiting.push(data);
      return;
    }
    if (!isBinary) return peer.close(CLOSE.BAD_MESSAGE);
    let reason: CloseReason | undefined;
    try {
      reason = answer(room, peer, identity, data as Buffer);
    } catch (error) {
      // Never out of the socket's event handler: an exception there would end the process.
      log.error({ err: error, interactionId: session.interactionId }, 'serving a live-editing message failed');
      reason = CLOSE.INTERNAL;
    }
    if (reason) peer.close(reason);
  };
  const cancelExpiry = callAt(session.expiresAtMs, () => peer.close(CLOSE.TOKEN_EXPIRED));
  ws.on('message', handle);
  ws.on('error', (error) => log.debug({ err: error }, 'live-editing socket error'));
  ws.on('close', () => {
    closed = true;
    cancelExpiry();
    if (room) registry.leave(room, peer);
  });

  registry.join(session.siteId, session.interactionId, peer).then(
    (joined) => {
      if (!joined) return peer.close(CLOSE.FORBIDDEN);
      room = joined;
      if (closed) return registry.leave(joined, peer);
      peer.send(syncStep1Message(Y.encodeStateVector(joined.doc)));
      const states = [...joined.awareness.getStates().keys()];
      if (states.length > 0) peer.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(joined.awareness, states)));
      // Binary-ness of queued frames is not kept: every y-websocket message is binary, and a text
      // frame arriving this early is refused by the protocol reader all the same.
      for (const data of waiting.splice(0)) handle(data, true);
    },
    (error: unknown) => {
      log.error({ err: error, interactionId: session.interactionId }, 'opening a live-editing room failed');
      peer.close(CLOSE.INTERNAL);
    }
  );
}

/** Acts on one message; returns why the socket must close, if it must. */
function answer(room: Room, peer: RoomPeer, identity: PresenceIdentity, data: Buffer): CloseReason | undefined {
  let message: ClientMessage;
  try {
    message = readClientMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } catch (error) {
    if (error instanceof MalformedMessage) return CLOSE.BAD_MESSAGE;
    throw error;
  }
  switch (message.kind) {
    case 'sync-step-1':
      return answerStep1(room, peer, message.stateVector);
    case 'update':
      return room.applyPeerUpdate(peer, message.update);
    case 'awareness':
      return applyAwareness(room, peer, identity, message.update);
    case 'query-awareness': {
      const states = [...room.awareness.getStates().keys()];
      peer.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, states)));
      return undefined;
    }
  }
}

function answerStep1(room: Room, peer: RoomPeer, stateVector: Uint8Array): CloseReason | undefined {
  let update: Uint8Array;
  try {
    update = Y.encodeStateAsUpdate(room.doc, stateVector);
  } catch {
    return CLOSE.BAD_MESSAGE;
  }
  peer.send(syncStep2Message(update));
  return undefined;
}

function applyAwareness(room: Room, peer: RoomPeer, identity: PresenceIdentity, update: Uint8Array): CloseReason | undefined {
  const entries = readAwarenessUpdate(update);
  if (!entries) return CLOSE.BAD_MESSAGE;
  const speaksFor = new Set([...peer.awarenessClients, ...entries.map((entry) => entry.clientId)]);
  if (speaksFor.size > MAX_AWARENESS_CLIENTS_PER_CONNECTION) return CLOSE.BAD_MESSAGE;
  // The same person's other socket may hold the client id still (a reconnect before the old socket's
  // close arrived); anyone else's is off limits.
  const isAnotherUsersClient = (clientId: number) =>
    [...room.peers].some((other) => other.userId !== peer.userId && other.awarenessClients.has(clientId));
  const stamped = stampIdentity(entries, identity, isAnotherUsersClient);
  if (stamped.length > 0) awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessUpdate(stamped), peer);
  return undefined;
}

// Longer delays than this make setTimeout fire at once; a token that lives longer is waited for in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Calls `callback` at `timeMs` (at once if that has passed); returns the cancel. */
function callAt(timeMs: number, callback: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const wait = () => {
    const remainingMs = timeMs - Date.now();
    if (remainingMs <= 0) return callback();
    // The socket keeps the process open while it lives, not its deadline.
    timer = setTimeout(wait, Math.min(remainingMs, LONGEST_TIMER_MS)).unref();
  };
  wait();
  return () => clearTimeout(timer);
}
