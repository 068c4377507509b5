import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { syncStep1Message } from '../../../sync-server/collab/protocol';
import { openRaw, type RawSocket } from '../collab/collab-client';

// Far above the time the endpoint takes to answer a handshake here, far below the test's timeout.
const ANSWER_TIMEOUT_MS = 10_000;
const SYNC_STEP_2 = 1;

/** A raw socket to a room with the client's copy of the room's document. */
export interface SocketSession {
  socket: RawSocket;
  doc: Y.Doc;
}

export type Outcome = { open: true } | { open: false; code: number } | { hung: string };

/**
 * Opens a socket and does the client's half of the handshake: sync step 1 with an empty state
 * vector, then the server's step 2 (the whole room) applied to a fresh document. Settles with the
 * close instead when the server refuses the socket.
 */
export async function openSession(url: string): Promise<SocketSession | Outcome> {
  const socket = openRaw(url);
  const opened = await settle(
    new Promise<'open'>((resolve) => socket.ws.once('open', () => resolve('open'))),
    socket,
    'the socket to open'
  );
  if (opened !== 'open') return opened;
  socket.ws.send(syncStep1Message(new Uint8Array([0])));
  const reply = await settle(syncStep2After(socket, 0), socket, 'the room in sync step 2');
  if (!(reply instanceof Uint8Array)) return reply;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, reply);
  return { socket, doc };
}

/**
 * Whether the socket is still served: asks for the room again (sync step 1) and waits for the
 * answer, which comes only after every earlier message was handled. Settles with the close instead.
 */
export async function stillServed(session: SocketSession): Promise<Outcome> {
  const from = session.socket.messages.length;
  session.socket.ws.send(syncStep1Message(Y.encodeStateVector(session.doc)));
  const reply = await settle(syncStep2After(session.socket, from), session.socket, 'an answer to sync step 1');
  return reply instanceof Uint8Array ? { open: true } : reply;
}

/** The close the server sends, or a hang. */
export async function closeOf(socket: RawSocket): Promise<Outcome> {
  return settle(new Promise<never>(() => {}), socket, 'the socket to close');
}

/** Closes from the client side and waits for the close to finish. */
export async function leave(socket: RawSocket): Promise<void> {
  socket.ws.close();
  await socket.closed;
}

async function settle<T>(awaited: Promise<T>, socket: RawSocket, what: string): Promise<T | Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ hung: `no ${what} within ${ANSWER_TIMEOUT_MS} ms` }), ANSWER_TIMEOUT_MS);
  });
  const closed = socket.closed.then(({ code }): Outcome => ({ open: false, code }));
  return Promise.race([awaited, closed, hang]).finally(() => clearTimeout(timer));
}

/** The payload of the first sync step 2 the server sends at or after message `from`. */
function syncStep2After(socket: RawSocket, from: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const look = () => {
      for (let index = from; index < socket.messages.length; index++) {
        const payload = syncStep2Payload(socket.messages[index]);
        if (payload) {
          socket.ws.off('message', look);
          return resolve(payload);
        }
      }
    };
    socket.ws.on('message', look);
    look();
  });
}

function syncStep2Payload(message: Uint8Array): Uint8Array | undefined {
  const decoder = decoding.createDecoder(message);
  if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== SYNC_STEP_2) return undefined;
  return decoding.readVarUint8Array(decoder);
}
