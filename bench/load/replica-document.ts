import * as Y from 'yjs';
import { applyInteractionChange, decodeInteractionState, encodeInteractionState, readInteractionFields } from '../../src/lib/domain/crdt';
import type { PushRow, SyncDocument } from '../../src/lib/domain/sync-protocol';
import { followUp } from '../sync/edits';

/**
 * One record as a device holds it: its Y.Doc, kept decoded between edits as the app keeps it, and
 * the server version it was last known at. Decoding the state for every edit would cost the load
 * generator more than the server's merge on two cores.
 */
export class ReplicaDocument {
  readonly id: string;
  readonly siteId: string;
  /** The serverSeq of the version this copy last caught up with: the push's assumed master state. */
  serverSeq: number;
  readonly #doc: Y.Doc;

  constructor(document: SyncDocument) {
    this.id = document.id;
    this.siteId = document.siteId;
    this.serverSeq = document.serverSeq;
    this.#doc = decodeInteractionState(Buffer.from(document.crdt, 'base64'), document.id);
  }

  /** The edit a person makes after a call (a dated follow-up at the end of the notes), as a push row. */
  followUp(at: Date): PushRow {
    applyInteractionChange(this.#doc, followUp(at)(readInteractionFields(this.#doc)));
    return {
      assumedMasterState: { serverSeq: this.serverSeq },
      newDocumentState: {
        id: this.id,
        siteId: this.siteId,
        crdt: Buffer.from(encodeInteractionState(this.#doc)).toString('base64'),
        updatedAt: at.toISOString()
      }
    };
  }

  /** The server's merge of a push that assumed an older version: taken in, as the app takes it. */
  catchUp(merged: SyncDocument): void {
    Y.applyUpdate(this.#doc, Buffer.from(merged.crdt, 'base64'));
    this.serverSeq = merged.serverSeq;
  }

  destroy(): void {
    this.#doc.destroy();
  }
}
