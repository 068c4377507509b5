import { INTERACTION_FIELD_NAMES, validateInteractionFields } from '$lib/domain';
import { decodeInteractionState, mergeInteractionStates, readInteractionFields } from '$lib/domain/crdt';
import type { SyncDocument } from '$lib/domain/sync-protocol';
import type { WithDeleted } from 'rxdb';
import * as Y from 'yjs';
import { base64ToBytes } from './base64';
import { computeSortKeys } from './finder-sorts';
import { buildInteractionDocument } from './interaction-record';
import { toUtcInstant } from './utc-instant';
import type { InteractionDocument } from './local-interaction';

/** A document the server sent, as the local database keeps it: accepted, so nothing is pending. */
export function fromServerDocument(document: SyncDocument): WithDeleted<InteractionDocument> {
  // The server derived the fields from the state it sends, so they are taken as they are rather
  // than decoding every state again: an initial sync of thousands of records stays quick.
  const { deleted, ...record } = document;
  const local = {
    ...record,
    startDatetime: toUtcInstant(record.startDatetime),
    endDatetime: toUtcInstant(record.endDatetime),
    isDeleted: deleted,
    pendingSync: false
  };
  return { ...local, sortKeys: computeSortKeys(local), _deleted: false };
}

/**
 * Whether two versions hold the same edits. Their encodings can differ for the same content (each
 * side encodes its own document), so the items seen (state vector) and the fields derived are
 * compared; a text deletion adds no item, but it changes a field.
 */
export function sameReplicaContent(a: InteractionDocument, b: InteractionDocument): boolean {
  if (a.crdt === b.crdt) return true;
  if (a.isDeleted !== b.isDeleted || INTERACTION_FIELD_NAMES.some((field) => a[field] !== b[field])) return false;
  return sameBytes(stateVectorOf(a), stateVectorOf(b));
}


/**
 * This device's version merged with the server's (a Yjs merge: both sides' edits survive). The
 * server has usually merged this device's edits already; then the result is the server's version
 * and nothing is left to push.
 */
export function mergeWithServer(
  local: InteractionDocument,
  server: WithDeleted<InteractionDocument>
): WithDeleted<InteractionDocument> {
  const doc = decodeInteractionState(mergeInteractionStates(base64ToBytes(server.crdt), base64ToBytes(local.crdt)));
  const fields = readInteractionFields(doc);
  const merged = buildInteractionDocument({
    meta: {
      id: server.id,
      siteId: server.siteId,
      createdBy: server.createdBy,
      createdByName: server.createdByName,
      updatedBy: server.updatedBy,
      updatedByName: server.updatedByName,
      createdAt: server.createdAt,
      updatedAt: new Date().toISOString()
    },
    doc,
    // A merge can break a rule neither side broke (end before start): kept, and flagged.
    // The site's list of types is the server's to check; it flags the record when it pulls it.
    needsReview: !validateInteractionFields(fields, { allowedTypes: [fields.type] }).ok,
    pendingSync: true,
    serverSeq: server.serverSeq
  });
  return sameReplicaContent(merged, server) ? server : { ...merged, _deleted: false };
}

function stateVectorOf(document: InteractionDocument): Uint8Array {
  return Y.encodeStateVectorFromUpdate(base64ToBytes(document.crdt));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
