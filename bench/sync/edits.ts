import { applyInteractionChange, decodeInteractionState, encodeInteractionState, readInteractionFields } from '../../src/lib/domain/crdt';
import type { InteractionFields } from '../../src/lib/domain';
import { toPushedDocument, type PushRow, type SyncDocument } from '../../src/lib/domain/sync-protocol';

/**
 * `stored` after an edit, as a replica holds it: the new state, built from the stored state through
 * the domain helpers, and the fields derived from it. The server requires a complete state, not an
 * incremental update (decodeInteractionState).
 */
export function editDocument(stored: SyncDocument, change: (fields: InteractionFields) => Partial<InteractionFields>): SyncDocument {
  const doc = decodeInteractionState(Buffer.from(stored.crdt, 'base64'), stored.id);
  applyInteractionChange(doc, change(readInteractionFields(doc)));
  const edited: SyncDocument = {
    ...stored,
    ...readInteractionFields(doc),
    crdt: Buffer.from(encodeInteractionState(doc)).toString('base64'),
    updatedAt: new Date().toISOString()
  };
  doc.destroy();
  return edited;
}

/** What the app pushes for an edited document (site-replication): the stored version as the assumed master. */
export function pushRow(stored: SyncDocument, edited: SyncDocument): PushRow {
  return {
    assumedMasterState: { serverSeq: stored.serverSeq },
    newDocumentState: toPushedDocument(edited)
  };
}

export function editRow(stored: SyncDocument, change: (fields: InteractionFields) => Partial<InteractionFields>): PushRow {
  return pushRow(stored, editDocument(stored, change));
}

/** Follow-up sentences at the end of the notes, as `followUp` writes them (earlier runs: undated). */
const FOLLOW_UPS = /(\s*Followed up by phone[^;]*; nothing further needed\.)+$/;

/**
 * The kind of edit a person makes after a call: a sentence with its time at the end of the notes.
 * It replaces the sentence an earlier run added, so a kept database's records stay the same size
 * however often it is measured (when each run added one, every run pushed longer notes than the last).
 */
export function followUp(at: Date): (fields: InteractionFields) => Partial<InteractionFields> {
  const sentence = `Followed up by phone at ${at.toISOString()}; nothing further needed.`;
  return (fields) => ({ notes: `${(fields.notes ?? '').replace(FOLLOW_UPS, '')} ${sentence}`.trim() });
}
