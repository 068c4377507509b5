import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { findUnstorableFields, INTERACTION_FIELD_NAMES } from '../../../src/lib/domain';
import { FIELDS_MAP, decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import { CLOSE, MAX_MESSAGE_BYTES } from '../../../sync-server/collab/close-codes';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '../../../sync-server/collab/protocol';
import { hostileInstant, hostileJson, hostileText } from './hostile-values';

/**
 * One message a fuzzed socket sends after its handshake, as data; its bytes are made when it is
 * sent, from the client's copy of the room's document at that moment.
 */
export type FrameSpec =
  | { kind: 'edit'; field: string; value: unknown }
  | { kind: 'empty update' | 'awareness' | 'query awareness' | 'update on missing history' | 'oversized' }
  | { kind: 'bytes'; label: string; bytes: Uint8Array | string };

/** What the server must do with a frame: carry on, or close with this code. */
export type Verdict = { open: true } | { open: false; code: number };

const STAY_OPEN: Verdict = { open: true };
const BAD_MESSAGE: Verdict = { open: false, code: CLOSE.BAD_MESSAGE.code };

/** Values for one field of the fields map: valid, out of range, of the wrong kind, or a nested shared type. */
const fieldValue: fc.Arbitrary<{ field: string; value: unknown }> = fc.oneof(
  fc.record({ field: fc.constantFrom('title', 'lead', 'location'), value: fc.constantFrom('Renamed', 'Someone Else', 'Room 9') }),
  fc.record({ field: fc.constantFrom('startDatetime', 'endDatetime'), value: hostileInstant }),
  fc.record({ field: fc.constantFrom(...INTERACTION_FIELD_NAMES, 'deleted', 'extra'), value: fc.oneof(hostileText, hostileJson) }),
  fc.record({ field: fc.constantFrom('title', 'timezone', 'type'), value: fc.constantFrom('Mars/Olympus_Mons', 'x'.repeat(101), '\u0000', 'Meeting') }),
  fc.record({ field: fc.constantFrom('title', 'startDatetime', 'location'), value: fc.constantFrom('Y.Text', 'Y.Map', 'Y.Array').map((shared) => ({ shared })) })
);

/** Messages no client should send: each must close the socket with 4400. */
const malformed: fc.Arbitrary<{ label: string; bytes: Uint8Array | string }> = fc.oneof(
  // Random bytes after a type byte the protocol does not have (one byte of varint, so it cannot
  // decode as 0, 1 or 3 either). Wholly random bytes are now and then a real message ([3] asks for
  // awareness, [0, 0, 0] is an empty state vector), which the server rightly keeps; the cases
  // below send garbage after each real type.
  fc
    .tuple(fc.integer({ min: 4, max: 0x7f }), fc.uint8Array({ maxLength: 63 }))
    .map(([type, rest]) => ({ label: 'random bytes', bytes: Uint8Array.of(type, ...rest) })),
  fc.constantFrom(
    { label: 'empty frame', bytes: new Uint8Array() },
    { label: 'truncated varint', bytes: Uint8Array.of(0x80) },
    { label: 'truncated length', bytes: Uint8Array.of(0, 2, 0xff, 0xff) },
    { label: 'length past the end', bytes: Uint8Array.of(0, 2, 50, 1, 2) },
    { label: 'unknown message type', bytes: Uint8Array.of(7, 0) },
    { label: 'huge message type', bytes: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f) },
    { label: 'unknown sync step', bytes: Uint8Array.of(0, 9, 0) },
    { label: 'text frame', bytes: 'hello' },
    { label: 'garbage state vector', bytes: syncStep1Message(Uint8Array.of(5, 0xff, 0xff)) },
    { label: 'garbage update', bytes: updateMessage(Uint8Array.of(1, 1, 0xff, 0xff, 1, 4)) },
    { label: 'garbage sync step 2', bytes: syncStep2Message(Uint8Array.of(0xde, 0xad, 0xbe, 0xef)) },
    { label: 'broken awareness', bytes: awarenessMessage(brokenAwareness()) },
    { label: 'awareness with trailing bytes', bytes: Uint8Array.of(...awarenessMessage(new Uint8Array([0])), 9, 9) }
  )
);

export const frameSpec: fc.Arbitrary<FrameSpec> = fc.oneof(
  { weight: 4, arbitrary: fieldValue.map(({ field, value }) => ({ kind: 'edit' as const, field, value })) },
  { weight: 1, arbitrary: fc.constantFrom('empty update', 'awareness', 'query awareness').map((kind) => ({ kind }) as FrameSpec) },
  { weight: 3, arbitrary: malformed.map(({ label, bytes }) => ({ kind: 'bytes' as const, label, bytes })) },
  { weight: 1, arbitrary: fc.constantFrom<FrameSpec>({ kind: 'update on missing history' }, { kind: 'oversized' }) }
);

/** A frame's bytes, made on the client's document, with what the server must do with them. */
export function buildFrame(spec: FrameSpec, doc: Y.Doc, options: { canEdit: boolean }): { bytes: Uint8Array | string; verdict: Verdict } {
  switch (spec.kind) {
    case 'bytes':
      return { bytes: spec.bytes, verdict: BAD_MESSAGE };
    case 'oversized':
      return { bytes: updateMessage(new Uint8Array(MAX_MESSAGE_BYTES + 1)), verdict: { open: false, code: CLOSE.MESSAGE_TOO_BIG.code } };
    case 'empty update':
      return { bytes: updateMessage(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))), verdict: STAY_OPEN };
    case 'query awareness':
      return { bytes: Uint8Array.of(3), verdict: STAY_OPEN };
    case 'awareness': {
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalState({ user: { name: 'Fuzz' }, cursor: null });
      const bytes = awarenessMessage(encodeAwarenessUpdate(awareness, [awareness.clientID]));
      awareness.destroy();
      return { bytes, verdict: STAY_OPEN };
    }
    case 'update on missing history': {
      const fork = forkOf(doc);
      fork.getText('notes').insert(0, 'seen');
      const seen = Y.encodeStateVector(fork);
      fork.getText('notes').insert(0, 'unseen');
      return { bytes: updateMessage(Y.encodeStateAsUpdate(fork, seen)), verdict: BAD_MESSAGE };
    }
    case 'edit': {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => doc.getMap(FIELDS_MAP).set(spec.field, sharedOrPlain(spec.value) as never));
      const update = Y.encodeStateAsUpdate(doc, before);
      // The domain's own rule decides: a state whose fields cannot be stored is refused (4400);
      // anything else is an edit, which only a viewer may not make. Judged on the state as the
      // server receives it: Yjs writes text as UTF-8, so a lone surrogate arrives as U+FFFD. A
      // title, lead or location set in the map the old way lands in its text (legacy-registers.ts).
      const received = decodeInteractionState(Y.encodeStateAsUpdate(doc));
      const unstorable = findUnstorableFields(readInteractionFields(received)).length > 0;
      const verdict: Verdict = !options.canEdit
        ? { open: false, code: CLOSE.VIEWER_EDIT.code }
        : unstorable
          ? BAD_MESSAGE
          : STAY_OPEN;
      return { bytes: updateMessage(update), verdict };
    }
  }
}

/** A short description of a frame for reproductions. */
export function describeFrame(spec: FrameSpec): string {
  if (spec.kind === 'bytes') return spec.label;
  if (spec.kind === 'edit') {
    const text = JSON.stringify(spec.value) ?? String(spec.value);
    return `set ${spec.field} to ${text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text}`;
  }
  return spec.kind;
}

function sharedOrPlain(value: unknown): unknown {
  const shared = (value as { shared?: string } | null)?.shared;
  if (shared === 'Y.Text') return new Y.Text('nested');
  if (shared === 'Y.Map') return new Y.Map();
  if (shared === 'Y.Array') return Y.Array.from([1]);
  return value;
}

function forkOf(doc: Y.Doc): Y.Doc {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, Y.encodeStateAsUpdate(doc));
  return fork;
}

function brokenAwareness(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, 12345);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarString(encoder, '{"user":');
  return encoding.toUint8Array(encoder);
}
