import * as Y from 'yjs';
import type { TextField } from './form-binding';

/**
 * A composition in progress in a text field (an input method for Japanese, Chinese or Korean, or
 * dictation): the text it started on, the selection it replaces, and that selection's place in the
 * document, which stays put while others' edits land around it.
 */
export interface CompositionAnchor {
  field: TextField;
  before: string;
  selection: { start: number; end: number };
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/**
 * Marks where a composition starts. Until it ends the field is left alone: its text is neither
 * shared (the half-composed text is not what the person means) nor replaced (setting the field's
 * value ends the composition, and the input method then commits its text a second time).
 */
export function anchorComposition(
  doc: Y.Doc,
  options: { field: TextField; before: string; selection: { start: number; end: number } }
): CompositionAnchor {
  const text = doc.getText(options.field);
  return {
    ...options,
    // The start keeps to the first character after it, the end to the last one before it, so text
    // others insert right at either edge stays outside what the composition replaces.
    start: Y.createRelativePositionFromTypeIndex(text, options.selection.start, 0),
    end: Y.createRelativePositionFromTypeIndex(text, options.selection.end, -1)
  };
}

/**
 * Puts what a composition committed where it started, in the document as it stands now, as one
 * transaction. Returns the field's new text and the caret after the committed text, or undefined
 * when the field changed elsewhere than at the composition (then the caller shares it as any edit).
 */
export function commitComposition(
  doc: Y.Doc,
  anchor: CompositionAnchor,
  after: string,
  origin: unknown
): { text: string; caret: number } | undefined {
  const { before, selection } = anchor;
  const head = before.slice(0, selection.start);
  const tail = before.slice(selection.end);
  if (after.length < head.length + tail.length || !after.startsWith(head) || !after.endsWith(tail)) return undefined;
  const committed = after.slice(head.length, after.length - tail.length);
  const text = doc.getText(anchor.field);
  const start = Y.createAbsolutePositionFromRelativePosition(anchor.start, doc)?.index;
  const end = Y.createAbsolutePositionFromRelativePosition(anchor.end, doc)?.index;
  if (start === undefined || end === undefined) return undefined;
  doc.transact(() => {
    // What was selected may have been cut by someone else meanwhile: only what is left goes.
    if (end > start) text.delete(start, end - start);
    if (committed) text.insert(start, committed);
  }, origin);
  return { text: text.toString(), caret: start + committed.length };
}
