import type { RxConflictHandler } from 'rxdb';
import type { InteractionDocument } from './local-interaction';
import { mergeWithServer, sameReplicaContent } from './replica-documents';

/**
 * How a site database settles a conflict with the server: never by picking a side. Both versions
 * are Yjs states, so they are merged and every edit from both survives (DESIGN §4).
 */
export const interactionConflictHandler: RxConflictHandler<InteractionDocument> = {
  // The server's sequence number counts as a difference: a version the server has stored replaces
  // this device's copy of the same content, which is how a pushed change stops being pending.
  isEqual: (a, b) => a.serverSeq === b.serverSeq && a.needsReview === b.needsReview && sameReplicaContent(a, b),
  resolve: async ({ newDocumentState, realMasterState }) => mergeWithServer(newDocumentState, realMasterState)
};
