import * as Y from 'yjs';
import { TEXT_FIELDS, type InteractionFields } from '$lib/domain';
import { applyInteractionChange, readInteractionFields } from '$lib/domain/crdt';
import {
  changedFields,
  formFieldOf,
  formValuesFrom,
  type FormErrors,
  type FormField,
  type InteractionFormValues
} from '$lib/ui/interaction-form';
import type { TextDeltaStep } from './selection-transform';

export type TextField = (typeof TEXT_FIELDS)[number];

/** What changed in the texts through someone else's edit, per text field. */
export type TextDeltas = Partial<Record<TextField, TextDeltaStep[]>>;

/** The form's values as the document holds them now. */
export function formValuesOf(doc: Y.Doc): InteractionFormValues {
  return formValuesFrom(readInteractionFields(doc));
}

/**
 * Writes what the person changed in the form into the document, as one transaction. Texts are
 * always shared, as minimal diffs, because characters merge only while they are in the document.
 * A scalar field is shared once it passes its rules: a half-typed zone or an emptied title stays
 * in this form, with its message, rather than reaching everyone else's.
 */
export function shareFormEdit(
  doc: Y.Doc,
  options: { values: InteractionFormValues; errors: FormErrors; origin: unknown; caret?: { field: TextField; position: number } }
): void {
  const patch = changedFields(formValuesOf(doc), options.values);
  const change: Partial<InteractionFields> = {};
  for (const [name, value] of Object.entries(patch) as [keyof InteractionFields, string | null][]) {
    const isText = (TEXT_FIELDS as readonly string[]).includes(name);
    if (isText || !options.errors[formFieldOf(name)]) Object.assign(change, { [name]: value });
  }
  const carets = options.caret ? { [options.caret.field]: options.caret.position } : {};
  if (Object.keys(change).length > 0) applyInteractionChange(doc, change, options.origin, carets);
}

/** Fields whose value in the form is not (yet) what the document holds: kept here, not shared. */
export function unsharedFields(doc: Y.Doc, values: InteractionFormValues): FormField[] {
  const shared = formValuesOf(doc);
  return (Object.keys(shared) as FormField[]).filter((field) => shared[field] !== values[field]);
}

/**
 * Calls `listener` after every transaction not made with `localOrigin` (the server's, another
 * tab's, or sync's), with the text deltas it brought. Returns the unsubscribe function.
 */
export function observeRemoteChanges(
  doc: Y.Doc,
  localOrigin: unknown,
  listener: (deltas: TextDeltas) => void
): () => void {
  let deltas: TextDeltas = {};
  const texts = TEXT_FIELDS.map((name) => {
    const text = doc.getText(name);
    const observer = (event: Y.YTextEvent) => {
      if (event.transaction.origin !== localOrigin) deltas[name] = event.delta as TextDeltaStep[];
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  });
  // Runs after the type observers, so the deltas of the transaction are all collected.
  const afterTransaction = (transaction: Y.Transaction) => {
    const collected = deltas;
    deltas = {};
    if (transaction.origin === localOrigin || transaction.changed.size === 0) return;
    listener(collected);
  };
  doc.on('afterTransaction', afterTransaction);
  return () => {
    doc.off('afterTransaction', afterTransaction);
    for (const stop of texts) stop();
  };
}
