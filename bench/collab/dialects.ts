import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A sync message (step 1, step 2 or update) as y-protocols frames it, whatever wraps it on the wire. */
export interface SyncMessage {
  step: number;
  payload: Uint8Array;
}

/**
 * How one server frames the y-protocols sync messages on its socket. Every editor in the workload
 * does the same Yjs work whatever the dialect, so that what differs between servers is the server.
 */
export interface Dialect {
  /** Messages sent as the socket opens, before sync step 1. */
  greeting: Uint8Array[];
  /** Wraps a y-websocket sync message (type 0, step, payload) for the wire. */
  wrap(message: Uint8Array): Uint8Array;
  /** The sync message in a frame, undefined for anything else; throws on a refusal. */
  unwrap(frame: Uint8Array): SyncMessage | undefined;
}

const MESSAGE_SYNC = 0;

/** y-websocket's own framing, which our endpoint and @y/websocket-server speak: the message as it is. */
export const yWebsocketDialect: Dialect = {
  greeting: [],
  wrap: (message) => message,
  unwrap(frame) {
    const decoder = decoding.createDecoder(frame);
    return decoding.readVarUint(decoder) === MESSAGE_SYNC ? readSync(decoder) : undefined;
  }
};

// Hocuspocus message types (@hocuspocus/server's MessageType) and its auth sub-types.
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
const AUTH_TOKEN = 0;
const AUTH_PERMISSION_DENIED = 1;

/**
 * Hocuspocus's framing, as its provider writes it: every message starts with the document's name,
 * then the message type; sync messages then carry the y-protocols step and payload. The provider
 * opens with a token message (empty when the server asks for none) before its sync step 1, and the
 * server answers each update with a sync-status acknowledgement, which is read past here.
 */
export function hocuspocusDialect(documentName: string): Dialect {
  const prefixed = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  return {
    greeting: [
      prefixed((encoder) => {
        encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH);
        encoding.writeVarUint(encoder, AUTH_TOKEN);
        encoding.writeVarString(encoder, '');
      })
    ],
    wrap: (message) => prefixed((encoder) => encoding.writeUint8Array(encoder, message)),
    unwrap(frame) {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC || type === HOCUSPOCUS_SYNC_REPLY) return readSync(decoder);
      if (type === HOCUSPOCUS_AUTH && decoding.readVarUint(decoder) === AUTH_PERMISSION_DENIED) {
        throw new Error(`Hocuspocus refused the document: ${decoding.readVarString(decoder)}`);
      }
      return undefined;
    }
  };
}

function readSync(decoder: decoding.Decoder): SyncMessage {
  const step = decoding.readVarUint(decoder);
  return { step, payload: decoding.readVarUint8Array(decoder) };
}
