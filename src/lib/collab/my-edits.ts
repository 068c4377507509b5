import * as Y from 'yjs';
import { TEXT_FIELDS } from '$lib/domain';
import { FIELDS_MAP } from '$lib/domain/crdt';

/**
 * This person's own edits of one open record, since they opened it, as a way back: "Undo my
 * changes" reverts them through the CRDT, so what others changed meanwhile, even in the same
 * field, stays. Edits are shared as they are typed, so undoing is itself an edit that everyone
 * receives, not a local discard.
 */
export class MyEdits {
  readonly #undo: Y.UndoManager;

  constructor(doc: Y.Doc, localOrigin: unknown, onChange: (canUndo: boolean) => void) {
    const types = [doc.getMap(FIELDS_MAP), ...TEXT_FIELDS.map((name) => doc.getText(name))];
    this.#undo = new Y.UndoManager(types, { trackedOrigins: new Set([localOrigin]) });
    const report = () => onChange(this.canUndo);
    this.#undo.on('stack-item-added', report);
    this.#undo.on('stack-item-popped', report);
    this.#undo.on('stack-cleared', report);
  }

  get canUndo(): boolean {
    return this.#undo.canUndo();
  }

  /** The origin of the transactions that undo: the person's own, though not typed. */
  get origin(): unknown {
    return this.#undo;
  }

  /** Reverts every edit this person made since the record was opened. */
  undoAll(): void {
    while (this.#undo.canUndo()) this.#undo.undo();
    // What was undone is not offered back: there is no "redo" on the screen.
    this.#undo.clear(false, true);
  }

  destroy(): void {
    this.#undo.destroy();
  }
}
