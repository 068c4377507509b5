import fc from 'fast-check';
import * as Y from 'yjs';
import { INTERACTION_FIELD_NAMES, uuidv7, type InteractionFields } from '../../../src/lib/domain';
import { createInteractionDoc, decodeInteractionState, encodeInteractionState, FIELDS_MAP, markInteractionDeleted, applyInteractionChange } from '../../../src/lib/domain/crdt';
import type { PushRow, SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { fromBase64, toBase64 } from '../sync/replica';
import { hostileInstant, hostileJson, hostileText } from './hostile-values';
import { validFields } from '../../support/valid-fields';

/**
 * One document of a push batch, as data: what it is and which stored record (by index into the
 * test's records) it builds on. It becomes a Yjs state only when sent, on top of the record's
 * state at that moment, so each batch starts from what the earlier batches left.
 */
export type DocumentSpec = NewRecord | ValidEdit | HostileState | HostileBytes;

interface NewRecord {
  valid: true;
  kind: 'new record';
  group: 'valid new record';
  target: null;
  fields: InteractionFields;
}

interface ValidEdit {
  valid: true;
  kind: 'edit';
  group: 'valid edit';
  target: number;
  change: Partial<InteractionFields>;
}

interface HostileState {
  valid: false;
  /** What exactly was sent, for reproductions. */
  kind: string;
  /** The kind of attack, for counting. */
  group: string;
  target: number | null;
  /** Built on an empty document rather than a valid record: a root's shared type is fixed once used. */
  fromEmpty?: true;
  build: (doc: Y.Doc) => void;
}

interface HostileBytes {
  valid: false;
  /** What exactly was sent, for reproductions. */
  kind: string;
  /** The kind of attack, for counting. */
  group: string;
  target: number | null;
  bytes: (state: Uint8Array) => string;
}

/** Records valid edits go to, and records hostile documents go to: never the same, so a valid edit's outcome is known. */
export interface RecordPools {
  edited: number;
  attacked: number;
}

const ZONES = ['Europe/London', 'America/Toronto', 'Africa/Nairobi', 'UTC'];
const storableText = (maxLength: number) =>
  fc.string({ minLength: 1, maxLength, unit: 'grapheme-composite' }).filter((text) => text.trim() !== '' && !/\u0000/.test(text));

const validFieldsArbitrary: fc.Arbitrary<InteractionFields> = fc
  .record({
    title: storableText(100),
    type: fc.constantFrom('Meeting', 'Call', 'Email', 'Site visit', 'Workshop', 'Other'),
    lead: storableText(100),
    start: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    minutes: fc.integer({ min: 1, max: 600 }),
    timezone: fc.constantFrom(...ZONES),
    location: fc.option(storableText(200), { nil: null }),
    description: storableText(2_000),
    notes: fc.option(storableText(2_000), { nil: null })
  })
  .map(({ start, minutes, ...rest }) => ({
    ...rest,
    startDatetime: start.toISOString(),
    endDatetime: new Date(start.getTime() + minutes * 60_000).toISOString()
  }));

const validChange: fc.Arbitrary<Partial<InteractionFields>> = validFieldsArbitrary.chain((fields) =>
  fc.subarray(['title', 'lead', 'location', 'description', 'notes', 'type', 'timezone'] as const, { minLength: 1 }).map((names) =>
    Object.fromEntries(names.map((name) => [name, fields[name]]))
  )
);

/** A field given a value of the wrong kind, out of range, or far too long. */
const wrongValue: fc.Arbitrary<{ field: string; value: unknown }> = fc.oneof(
  fc.record({ field: fc.constantFrom('startDatetime', 'endDatetime'), value: hostileInstant }),
  fc.record({ field: fc.constantFrom(...INTERACTION_FIELD_NAMES, 'deleted'), value: fc.oneof(hostileText, hostileJson) }),
  fc.record({ field: fc.constantFrom('title', 'type', 'lead', 'timezone', 'location'), value: fc.constantFrom(101, 201, 5_000).map((n) => 'x'.repeat(n)) }),
  fc.record({ field: fc.constantFrom('timezone', 'type'), value: fc.constantFrom('Mars/Olympus_Mons', 'Meeting\u0000', '', ' ', 'Europe/London ') }),
  fc.record({ field: fc.constant('deleted'), value: fc.constantFrom(true, 'true', 1, false, null, {}) })
);

function setInMap(field: string, value: unknown): (doc: Y.Doc) => void {
  return (doc) => doc.getMap(FIELDS_MAP).set(field, value as never);
}

/** Hostile documents built as Yjs states: wrong shared types, wrong values, deletions, huge texts. */
const hostileBuilt = (target: fc.Arbitrary<number | null>): fc.Arbitrary<DocumentSpec> =>
  fc.oneof(
    fc.record({ target, wrong: wrongValue }).map(({ target, wrong }) => ({
      valid: false as const,
      kind: `${wrong.field} set to ${describe(wrong.value)}`,
      group: 'wrong value',
      target,
      build: setInMap(wrong.field, wrong.value)
    })),
    fc.record({ target, field: fc.constantFrom(...INTERACTION_FIELD_NAMES), shared: fc.constantFrom('text', 'map', 'array') }).map(({ target, field, shared }) => ({
      valid: false as const,
      kind: `${field} as a nested Y.${shared}`,
      group: 'nested shared type',
      target,
      build: setInMap(field, shared === 'text' ? new Y.Text('nested') : shared === 'map' ? new Y.Map() : Y.Array.from([1, 2]))
    })),
    fc.record({ field: fc.constantFrom(FIELDS_MAP, 'description', 'notes'), shared: fc.constantFrom('text', 'map', 'array', 'xml') }).map(({ field, shared }) => ({
      valid: false as const,
      kind: `root ${field} as Y.${shared}`,
      group: 'wrong root type',
      target: null,
      fromEmpty: true as const,
      build: (doc: Y.Doc) => fillRoot(doc, field, shared)
    })),
    fc.record({ target, key: fc.constantFrom('createdBy', 'siteId', 'id', '__proto__', 'extra'), value: hostileJson }).map(({ target, key, value }) => ({
      valid: false as const,
      kind: `unknown key ${key} in the fields map`,
      group: 'unknown key',
      target,
      build: setInMap(key, value)
    })),
    fc.record({ target: target.filter((index) => index !== null) }).map(({ target }) => ({
      valid: false as const,
      kind: 'marked deleted',
      group: 'deletion',
      target,
      build: (doc: Y.Doc) => markInteractionDeleted(doc)
    }))
  );

/**
 * A megabyte-scale text, on a new record only: accepted on a stored record, each would make every
 * later state of it larger. Rare, since a megabyte document costs a push about a second here.
 */
const hugeText: fc.Arbitrary<DocumentSpec> = fc
  .record({
    field: fc.constantFrom('description', 'notes'),
    length: fc.oneof({ weight: 9, arbitrary: fc.constant(100_000) }, { weight: 1, arbitrary: fc.constant(1_000_000) }),
    char: fc.constantFrom('x', '\u0000', '\uD800', 'é')
  })
  .map(({ field, length, char }) => ({
    valid: false as const,
    kind: `${field} of ${length} × ${describe(char)}`,
    group: 'huge text',
    target: null,
    build: (doc: Y.Doc) => doc.getText(field).insert(0, char.repeat(length))
  }));

/** Hostile documents as bytes: not Yjs, cut short, depending on missing history, or not base64. */
const hostileBytes = (target: fc.Arbitrary<number | null>): fc.Arbitrary<DocumentSpec> =>
  fc.oneof(
    fc.record({ target, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }).map(({ target, bytes }) => ({
      valid: false as const,
      kind: 'random bytes',
      group: 'random bytes',
      target,
      bytes: () => toBase64(bytes)
    })),
    fc.record({ target, cut: fc.double({ min: 0.05, max: 0.95, noNaN: true }) }).map(({ target, cut }) => ({
      valid: false as const,
      kind: 'truncated state',
      group: 'truncated state',
      target,
      bytes: (state: Uint8Array) => toBase64(state.slice(0, Math.max(1, Math.floor(state.length * cut))))
    })),
    fc.record({ target }).map(({ target }) => ({
      valid: false as const,
      kind: 'update on missing history',
      group: 'missing history',
      target,
      bytes: (state: Uint8Array) => toBase64(updateOnMissingHistory(state))
    })),
    fc.record({ target, text: fc.constantFrom('not base64!', 'AAAA=A', '====', ' AAAA', 'AA\u0000AA', '\uD800') }).map(({ target, text }) => ({
      valid: false as const,
      kind: `crdt ${describe(text)}`,
      group: 'not base64',
      target,
      bytes: () => text
    })),
    // Another record's whole history under this id: Yjs states carry no guid, so only the id says
    // whose they are, and the merge doubles every text.
    fc.record({ target }).map(({ target }) => ({
      valid: false as const,
      kind: 'state of another record',
      group: 'another record',
      target,
      bytes: () => toBase64(encodeInteractionState(createInteractionDoc(validFields({ title: 'Another record' }), { guid: uuidv7() })))
    })),
    fc.record({ target }).map(({ target }) => ({
      valid: false as const,
      kind: 'empty document',
      group: 'empty document',
      target,
      bytes: () => toBase64(Y.encodeStateAsUpdate(new Y.Doc()))
    }))
  );

/** A batch of 1–8 documents, valid and hostile mixed, each record named at most once. */
export function batchOf(pools: RecordPools): fc.Arbitrary<DocumentSpec[]> {
  const edited = fc.integer({ min: 0, max: pools.edited - 1 });
  const attacked = fc.option(fc.integer({ min: pools.edited, max: pools.edited + pools.attacked - 1 }), { freq: 2 });
  const spec: fc.Arbitrary<DocumentSpec> = fc.oneof(
    { weight: 8, arbitrary: validFieldsArbitrary.map((fields) => ({ valid: true as const, kind: 'new record' as const, group: 'valid new record' as const, target: null, fields })) },
    { weight: 4, arbitrary: fc.record({ target: edited, change: validChange }).map(({ target, change }) => ({ valid: true as const, kind: 'edit' as const, group: 'valid edit' as const, target, change })) },
    { weight: 16, arbitrary: hostileBuilt(attacked) },
    { weight: 8, arbitrary: hostileBytes(attacked) },
    { weight: 1, arbitrary: hugeText }
  );
  return fc.uniqueArray(spec, {
    minLength: 1,
    maxLength: 8,
    selector: (document) => document.target ?? Symbol('new record')
  });
}

/** The push row for a spec, built on the current stored state of its record (or a new record). */
export function rowFor(spec: DocumentSpec, stored: SyncDocument | undefined): PushRow {
  const id = stored?.id ?? uuidv7();
  const assumedMasterState = stored ? { serverSeq: stored.serverSeq } : null;
  const doc = stored ? decodeInteractionState(fromBase64(stored.crdt), id) : undefined;
  let crdt: string;
  if ('fields' in spec) crdt = toBase64(encodeInteractionState(createInteractionDoc(spec.fields, { guid: id })));
  else if ('change' in spec) {
    applyInteractionChange(doc!, spec.change);
    crdt = toBase64(encodeInteractionState(doc!));
  } else if ('build' in spec) {
    const target = spec.fromEmpty ? new Y.Doc({ guid: id }) : (doc ?? createInteractionDoc(validFields(), { guid: id }));
    spec.build(target);
    crdt = toBase64(encodeInteractionState(target));
  } else {
    crdt = spec.bytes(encodeInteractionState(doc ?? createInteractionDoc(validFields(), { guid: id })));
  }
  return { assumedMasterState, newDocumentState: { id, siteId: LEEDS.id, crdt } };
}

/** A document another site owns, pushed to Leeds: always refused. */
export function misaddressedRow(): PushRow {
  const id = uuidv7();
  return { assumedMasterState: null, newDocumentState: { id, siteId: TORONTO.id, crdt: toBase64(encodeInteractionState(createInteractionDoc(validFields(), { guid: id }))) } };
}

function fillRoot(doc: Y.Doc, name: string, shared: string): void {
  if (shared === 'text') doc.getText(name).insert(0, 'root text');
  else if (shared === 'map') doc.getMap(name).set('title', 'root map');
  else if (shared === 'array') doc.getArray(name).insert(0, ['root', 'array']);
  else doc.getXmlFragment(name).insert(0, [new Y.XmlText('xml')]);
}

function updateOnMissingHistory(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  doc.getText('notes').insert(0, 'seen');
  const seen = Y.encodeStateVector(doc);
  doc.getText('notes').insert(0, 'unseen');
  return Y.encodeStateAsUpdate(doc, seen);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text;
}
