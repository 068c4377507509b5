import type { FieldError } from './validation';
import type { Interaction } from './interaction-schema';

/**
 * The replication wire contract (DESIGN §4), shared by the sync server and the app. The endpoints
 * are `GET /api/sync/:siteId/pull`, `POST /api/sync/:siteId/push` and the server-sent events of
 * `GET /api/sync/:siteId/stream`.
 */

/**
 * Who made a record and who last changed it, with the names they had when the server sent it.
 * Read from the server's users, never from the document: a replica cannot claim a name.
 */
export interface RecordProvenance {
  createdByName: string;
  /** The user whose write the server stored last (a merge of several replicas counts as the pusher's). */
  updatedBy: string;
  updatedByName: string;
}

/** A value a history entry records: a field's value (text, instant, or empty) or the tombstone. */
export type FieldValue = string | boolean | null;

/** One field a write changed, with its value before (null on a create) and after. */
export interface FieldChange {
  field: string;
  from: FieldValue;
  to: FieldValue;
  /**
   * `from` and `to` were chosen at the same time by two people, neither seeing the other's, and
   * `to` was kept: `from` was overwritten. Only for the fields that keep one value (type, start,
   * end, zone); texts merge instead.
   */
  concurrent?: true;
}

/**
 * One write of a record as `GET /api/interactions/:id/history` answers it. Not replication, but
 * the same kind of contract between server and app, and it is made of FieldChange.
 */
export interface RecordHistoryEntry {
  id: number;
  action: 'create' | 'update' | 'delete';
  /** Every entry has it; entries written before the server kept values have an empty `changes`. */
  changedFields: string[];
  changes: FieldChange[];
  user: { id: string; name: string };
  /** When the author made the change (on their device, perhaps offline). */
  authoredAt: string;
  /** When the server stored it. */
  receivedAt: string;
}

/** An interaction as replication pulls it: the record, its state and its place in the sync order. */
export interface SyncDocument extends Interaction, RecordProvenance {
  needsReview: boolean;
  /** The encoded Yjs state, base64: the truth that every other field is derived from. */
  crdt: string;
  /** The server's sequence number of this version. */
  serverSeq: number;
}

/**
 * Where a pull stopped, opaque to clients: the commit order position of the last document sent
 * (see migration 0004). Absent for a client that has nothing yet.
 */
export type SyncCheckpoint = string;

export interface PullResponse {
  documents: SyncDocument[];
  /** The checkpoint to send next time; the one sent when there was nothing new. */
  checkpoint: SyncCheckpoint | null;
  /** How many documents are left after this batch; present only when asked for (`remaining=1`). */
  remaining?: number;
}

/**
 * A replica's document as pushed: what the server reads of it. Every field is derived again from
 * the state, so sending them as well would only double what a device on a poor connection uploads.
 */
export type PushedDocument = Pick<SyncDocument, 'id' | 'siteId' | 'crdt'> & {
  /** When the replica last changed it: the history's authored-at. */
  updatedAt?: string;
};

/** Which server version a change was made on: all the server needs to tell a stale replica. */
export interface AssumedMasterState {
  serverSeq: number | null;
}

/** A document as a push carries it, whatever else the caller's copy holds. */
export function toPushedDocument({ id, siteId, crdt, updatedAt }: PushedDocument): PushedDocument {
  return { id, siteId, crdt, updatedAt };
}

export interface PushRow {
  /** Absent for a document the server never sent. */
  assumedMasterState?: AssumedMasterState | null;
  newDocumentState: PushedDocument;
}

export interface PushResponse {
  /**
   * The server's merged version of every document whose assumed master state was out of date. The
   * change itself was merged already; the client merges this into its own copy.
   */
  conflicts: SyncDocument[];
  /** Documents the server would not take, each with the reason. Nothing else in the batch is affected. */
  refused: RefusedDocument[];
}

export type RefusalCode = 'ROLE_FORBIDDEN' | 'SITE_MISMATCH' | 'INVALID_STATE' | 'VALIDATION_FAILED' | 'UNSTORABLE';

export interface RefusedDocument {
  id: string;
  code: RefusalCode;
  message: string;
  fields?: FieldError[];
}

/** A stream message's data: changed documents, or a request to pull from the own checkpoint. */
export type StreamMessage = { documents: SyncDocument[]; checkpoint: SyncCheckpoint } | 'RESYNC';

/** The SSE event name of a change in the caller's access; the stream ends right after it. */
export const ACCESS_CHANGED_EVENT = 'access-changed';

/** Most documents one pull returns and one push may carry. */
export const MAX_SYNC_BATCH = 2_000;
