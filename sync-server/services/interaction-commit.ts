// What every write of an interaction is made of, shared by the service that commits writes and the
// replication push that prepares them, so neither depends on the other for its types.
import type * as Y from 'yjs';
import type { InteractionFields } from '../../src/lib/domain';
import type { FieldChange } from '../../src/lib/domain/sync-protocol';
import type { Queryable } from '../db/database';
import type { HistoryEntry, StoredInteraction } from '../repositories/interactions-repository';
import type { Actor } from './actor';

export type WriteAction = HistoryEntry['action'];

/** One write of a record's document, as `commit` stores it. */
export interface InteractionCommit {
  actor: Actor;
  action: WriteAction;
  before?: StoredInteraction;
  siteId: string;
  id: string;
  doc: Y.Doc;
  /** The merged state breaks a rule and is kept for a person to fix. */
  needsReview?: boolean;
  /** When the author made the change, if not now (a change made offline). */
  authoredAt?: string;
  /** The fields as read from `doc`, when the caller has read them already. */
  fields?: InteractionFields;
  /** Choices this write and the stored record made at the same time, one overwriting the other. */
  concurrentChoices?: FieldChange[];
}

/** Stores the writes in one transaction; the records come back in the order of `writes`. */
export type CommitInteractions = (tx: Queryable, writes: InteractionCommit[]) => Promise<StoredInteraction[]>;

