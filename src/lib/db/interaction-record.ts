import type { InteractionMeta } from '$lib/domain';
import { decodeInteractionState, encodeInteractionState, isInteractionDeleted, readInteractionFields } from '$lib/domain/crdt';
import type { RecordProvenance } from '$lib/domain/sync-protocol';
import type { Doc } from 'yjs';
import { base64ToBytes, bytesToBase64 } from './base64';
import { computeSortKeys } from './finder-sorts';
import { toUtcInstant } from './utc-instant';
import type { InteractionDocument } from './local-interaction';

export interface DocumentState {
  /**
   * Identity and authorship; the tombstone is read from the Yjs document, where a delete wins. Who
   * last changed the record is the server's word, kept as it last said until it says again.
   */
  meta: Omit<InteractionMeta, 'deleted'> & RecordProvenance;
  doc: Doc;
  needsReview: boolean;
  pendingSync: boolean;
  serverSeq: number | null;
}

/** The stored record of a Yjs document: every field derived from it, so the two cannot disagree. */
export function buildInteractionDocument(state: DocumentState): InteractionDocument {
  const fields = readInteractionFields(state.doc);
  const record = {
    ...state.meta,
    ...fields,
    startDatetime: toUtcInstant(fields.startDatetime),
    endDatetime: toUtcInstant(fields.endDatetime),
    isDeleted: isInteractionDeleted(state.doc),
    needsReview: state.needsReview,
    pendingSync: state.pendingSync,
    serverSeq: state.serverSeq
  };
  return {
    ...record,
    crdt: bytesToBase64(encodeInteractionState(state.doc)),
    sortKeys: computeSortKeys(record)
  };
}

export function decodeStoredState(document: Pick<InteractionDocument, 'crdt'>): Doc {
  return decodeInteractionState(base64ToBytes(document.crdt));
}
