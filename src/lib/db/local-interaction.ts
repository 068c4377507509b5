import type { Interaction } from '$lib/domain';
import type { RecordProvenance } from '$lib/domain/sync-protocol';

/** Keys that exist only so every Finder sort has an index to walk (see finder-sorts.ts). */
export interface InteractionSortKeys {
  /**
   * The title and lead as far as a person may type them. Merged typing can make them longer (up to
   * MERGED_TEXT_HEADROOM times), and an index pads every key to its field's greatest length, so
   * they are indexed through these bounded copies rather than at ten times the size.
   */
  titleAsc: string;
  leadAsc: string;
  /** The location, bounded the same way, with none as '' because an indexed field cannot be null. */
  locationAsc: string;
}

/**
 * An interaction as stored in its site's local database. The fields are derived from `crdt`, the
 * document that is the source of truth; `startDatetime` and `endDatetime` are stored in UTC so that
 * their string order is chronological (the document keeps the text as entered, with its offset).
 */
export interface InteractionDocument extends Omit<Interaction, 'deleted'>, RecordProvenance {
  /**
   * The domain's `deleted`, the tombstone. Renamed because RxDB reserves `deleted` on its documents
   * for its own removal flag, which a domain delete must never use: a tombstone syncs like any edit.
   */
  isDeleted: boolean;
  /** A merged state broke a rule (such as end before start): kept, and shown for a person to fix. */
  needsReview: boolean;
  /** The encoded Yjs state of the interaction, base64. */
  crdt: string;
  /** The server's sequence number of the last version received from it; null until first synced. */
  serverSeq: number | null;
  /** Changed on this device and not yet accepted by the server. */
  pendingSync: boolean;
  sortKeys: InteractionSortKeys;
}

/** What the app reads: the domain record and its local status, without the storage internals. */
export interface LocalInteraction extends Interaction, RecordProvenance {
  needsReview: boolean;
  pendingSync: boolean;
  /** Whether the server holds a version of it; false for a record made here and not yet pushed. */
  onServer: boolean;
}

export function toLocalInteraction(document: Readonly<InteractionDocument>): LocalInteraction {
  return {
    id: document.id,
    siteId: document.siteId,
    title: document.title,
    type: document.type,
    lead: document.lead,
    startDatetime: document.startDatetime,
    endDatetime: document.endDatetime,
    timezone: document.timezone,
    location: document.location,
    description: document.description,
    notes: document.notes,
    createdBy: document.createdBy,
    createdByName: document.createdByName,
    updatedBy: document.updatedBy,
    updatedByName: document.updatedByName,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    deleted: document.isDeleted,
    needsReview: document.needsReview,
    pendingSync: document.pendingSync,
    onServer: document.serverSeq !== null
  };
}
