import type { FieldError, Interaction } from '../domain';

/**
 * The replication wire contract (DESIGN §4), shared by the sync server and the app. The endpoints
 * are `GET /api/sync/:siteId/pull`, `POST /api/sync/:siteId/push` and the server-sent events of
 * `GET /api/sync/:siteId/stream`.
 */

/** An interaction as replication carries it. The server reads only `id`, `siteId` and `crdt`. */
export interface SyncDocument extends Interaction {
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

/** A replica's document as pushed; `serverSeq` is null for one the server never had. */
export type PushedDocument = Omit<SyncDocument, 'serverSeq'> & { serverSeq: number | null };

export interface PushRow {
  /** The server's version the change was made on; absent for a document the server never sent. */
  assumedMasterState?: PushedDocument | null;
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

export type RefusalCode = 'ROLE_FORBIDDEN' | 'SITE_MISMATCH' | 'INVALID_STATE' | 'VALIDATION_FAILED';

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
export const MAX_SYNC_BATCH = 1_000;
