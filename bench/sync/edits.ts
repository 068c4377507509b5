import { applyInteractionChange, decodeInteractionState, encodeInteractionState, readInteractionFields } from '../../src/lib/domain';
import type { InteractionFields } from '../../src/lib/domain';
import type { PushRow, SyncDocument } from '../../src/lib/sync/protocol';

/**
 * What a replica pushes after editing `stored`: the full document with its new state, built from
 * the stored state through the domain helpers, and the stored version as the assumed master
 * state. The server requires a complete state, not an incremental update (decodeInteractionState).
 */
export function editRow(stored: SyncDocument, change: (fields: InteractionFields) => Partial<InteractionFields>): PushRow {
  const doc = decodeInteractionState(Buffer.from(stored.crdt, 'base64'), stored.id);
  applyInteractionChange(doc, change(readInteractionFields(doc)));
  const edited: SyncDocument = {
    ...stored,
    ...readInteractionFields(doc),
    crdt: Buffer.from(encodeInteractionState(doc)).toString('base64'),
    updatedAt: new Date().toISOString()
  };
  doc.destroy();
  return { assumedMasterState: stored, newDocumentState: edited };
}

/** The kind of edit a person makes after a call: a sentence added to the notes. */
export const FOLLOW_UP = (fields: InteractionFields): Partial<InteractionFields> => ({
  notes: `${fields.notes ?? ''} Followed up by phone; nothing further needed.`.trim()
});
