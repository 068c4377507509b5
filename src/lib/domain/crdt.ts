import * as Y from 'yjs';
import { SCALAR_FIELDS, TEXT_FIELDS, type InteractionFieldName, type InteractionFields, type ScalarFieldName, type TextFieldName } from './interaction-schema';
import { pendingLegacyValue, upgradeLegacyRegisters, type FormerRegisterField } from './legacy-registers';
import { applyTextDiff } from './text-diff';

/**
 * The CRDT wire contract (DESIGN §4): one Y.Text for each field a person types (TEXT_FIELDS), so
 * concurrent typing merges character by character, and a Y.Map named `fields` for the choices
 * (SCALAR_FIELDS), which cannot merge and keep one value (the last writer's). Every Yjs client, in
 * the browser or on the server, relies on these names.
 */
export const FIELDS_MAP = 'fields';

// The tombstone lives in the document too and is only ever set to true, so a delete merged with a
// concurrent edit stays a delete on every replica.
const DELETED_KEY = 'deleted';

export interface InteractionDocIdentity {
  /** The interaction's id. Naming it spares Yjs drawing a random guid, which is costly in bulk. */
  guid?: string;
  /** Fixed only where output must be reproducible (demo data); random otherwise, as Yjs requires. */
  clientId?: number;
}

/**
 * Builds the document for a new interaction. Call it once, where the record is created: two docs
 * built separately from the same fields are different histories, and merging them would double
 * every text.
 */
export function createInteractionDoc(fields: InteractionFields, identity: InteractionDocIdentity = {}): Y.Doc {
  const doc = new Y.Doc({ guid: identity.guid });
  if (identity.clientId !== undefined) doc.clientID = identity.clientId;
  applyInteractionChange(doc, fields);
  upgradeAsChangesArrive(doc);
  return doc;
}

/**
 * Keeps `doc` free of old-form values (see legacy-registers.ts) as updates arrive: a replica still
 * running an older release may send a title the old way, and it must land in the text.
 */
function upgradeAsChangesArrive(doc: Y.Doc): void {
  const map = doc.getMap(FIELDS_MAP);
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.changed.has(map as never)) upgradeLegacyRegisters(doc, map, transaction.origin);
  });
}

/**
 * Applies an edit as one Yjs transaction: scalars that changed are set, texts get minimal diffs.
 * `carets` says where the caret is in a text just typed in, which places an ambiguous edit.
 */
export function applyInteractionChange(
  doc: Y.Doc,
  change: Partial<InteractionFields>,
  origin?: unknown,
  carets: Partial<Record<TextFieldName, number>> = {}
): void {
  doc.transact(() => {
    const map = doc.getMap<string | null>(FIELDS_MAP);
    // A text diffed before its old-form value came in would get that value added beside the edit.
    upgradeLegacyRegisters(doc, doc.getMap(FIELDS_MAP), origin);
    for (const name of SCALAR_FIELDS) {
      if (!(name in change)) continue;
      const value = change[name] ?? null;
      if (map.get(name) !== value) map.set(name, value);
    }
    for (const name of TEXT_FIELDS) {
      if (!(name in change)) continue;
      applyTextDiff(doc.getText(name), change[name] ?? '', carets[name]);
    }
  }, origin);
}

/** Marks the interaction deleted. A delete cannot be undone by a concurrent edit. */
export function markInteractionDeleted(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => doc.getMap(FIELDS_MAP).set(DELETED_KEY, true), origin);
}

export function isInteractionDeleted(doc: Y.Doc): boolean {
  return doc.getMap(FIELDS_MAP).get(DELETED_KEY) === true;
}

/** Reads the record fields back out of the document; empty optional texts read as null. */
export function readInteractionFields(doc: Y.Doc): InteractionFields {
  // Plain reads rather than helper closures: this runs for every document a push merges.
  const map = doc.getMap<string | null>(FIELDS_MAP);
  return {
    title: formerRegister(doc, 'title'),
    type: map.get('type') ?? '',
    lead: formerRegister(doc, 'lead'),
    startDatetime: map.get('startDatetime') ?? '',
    endDatetime: map.get('endDatetime') ?? '',
    timezone: map.get('timezone') ?? '',
    location: formerRegister(doc, 'location') || null,
    description: doc.getText('description').toString(),
    notes: doc.getText('notes').toString() || null
  };
}

/** A text that may still hold its value the old way, in a document no one has upgraded yet. */
function formerRegister(doc: Y.Doc, name: FormerRegisterField): string {
  return doc.getText(name).toString() || (pendingLegacyValue(doc.getMap(FIELDS_MAP), name) ?? '');
}

/**
 * The document's encoded state: everything applied to it. What Yjs holds back (a live update that
 * arrived before the changes it builds on) is left out: a state carrying it could not be read on
 * its own (see decodeInteractionState), and the peer that sent it, and the room, still have it.
 */
export function encodeInteractionState(doc: Y.Doc): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs === null && pendingDs === null) return Y.encodeStateAsUpdate(doc);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}

/**
 * Restores a document from its encoded state. Throws on bytes that are not a Yjs update, and on an
 * update that builds on changes it does not carry.
 */
export function decodeInteractionState(state: Uint8Array, guid?: string): Y.Doc {
  const doc = new Y.Doc({ guid });
  Y.applyUpdate(doc, state);
  // Yjs holds back, without an error, what depends on missing history: an incremental update
  // decoded alone would read as an empty record and could be stored over the real one.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    throw new Error('The encoded state is incomplete: it depends on changes it does not carry.');
  }
  upgradeLegacyRegisters(doc, doc.getMap(FIELDS_MAP));
  upgradeAsChangesArrive(doc);
  return doc;
}

/** Merges two encoded states of one interaction; the result holds every edit of both. */
export function mergeInteractionStates(a: Uint8Array, b: Uint8Array): Uint8Array {
  return Y.mergeUpdates([a, b]);
}
