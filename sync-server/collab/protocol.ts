import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-websocket wire format (as y-protocols writes it): a varuint message type, then for sync
 * messages a varuint sync step and one varuint-length byte array. Messages are read here in full
 * before anything acts on them, so a message that is cut short or carries trailing bytes is refused
 * whole rather than half applied.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  /** Step 2 and a plain update carry the same thing: a Yjs update to merge. */
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

export class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** Reads one message from a client; throws MalformedMessage for anything that is not one whole message. */
export function readClientMessage(bytes: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(bytes);
  let message: ClientMessage;
  try {
    message = readBody(decoder);
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage('the message ends early');
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('the message has bytes after its end');
  return message;
}

function readBody(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const step = decoding.readVarUint(decoder);
      const payload = readByteArray(decoder);
      if (step === SYNC_STEP_1) return { kind: 'sync-step-1', stateVector: payload };
      if (step === SYNC_STEP_2 || step === SYNC_UPDATE) return { kind: 'update', update: payload };
      throw new MalformedMessage(`unknown sync step ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: readByteArray(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}

// lib0's reader trusts the length prefix; a length past the end must not become a short read.
function readByteArray(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new MalformedMessage('a length runs past the message');
  return decoding.readUint8Array(decoder, length);
}

export function syncStep1Message(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP_1, stateVector);
}

export function syncStep2Message(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_STEP_2, update);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return syncMessage(SYNC_UPDATE, update);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
