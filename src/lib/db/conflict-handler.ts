import type { RxConflictHandler } from 'rxdb';
import type { InteractionDocument } from './local-interaction';

type ReplicaRules = Pick<typeof import('./replica-documents'), 'sameReplicaContent' | 'mergeWithServer'>;

let rules: ReplicaRules | undefined;

/**
 * Hands the conflict handler its CRDT code (Yjs). Only a replication ever asks the handler, and it
 * provides the rules before it starts; the database itself does not import them, so a first visit
 * paints the Finder without downloading Yjs.
 */
export function provideConflictRules(replicaRules: ReplicaRules): void {
  rules = replicaRules;
}

function conflictRules(): ReplicaRules {
  if (!rules) throw new Error('A conflict was met before the replication provided its rules (provideConflictRules).');
  return rules;
}

/**
 * How a site database settles a conflict with the server: never by picking a side. Both versions
 * are Yjs states, so they are merged and every edit from both survives (DESIGN §4).
 */
export const interactionConflictHandler: RxConflictHandler<InteractionDocument> = {
  // The server's sequence number counts as a difference: a version the server has stored replaces
  // this device's copy of the same content, which is how a pushed change stops being pending.
  isEqual: (a, b) =>
    a.serverSeq === b.serverSeq && a.needsReview === b.needsReview && (a.crdt === b.crdt || conflictRules().sameReplicaContent(a, b)),
  resolve: async ({ newDocumentState, realMasterState }) => conflictRules().mergeWithServer(newDocumentState, realMasterState)
};
