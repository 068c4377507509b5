import { INTERACTION_FIELD_NAMES, type InteractionFieldName, type InteractionFields } from '../../src/lib/domain';
import type { FieldChange } from '../../src/lib/sync/protocol';

/** The fields whose values differ, for the history. */
export function changedFieldNames(before: InteractionFields, after: InteractionFields): InteractionFieldName[] {
  return INTERACTION_FIELD_NAMES.filter((name) => !sameValue(name, before[name], after[name]));
}

/**
 * What a write changed, field by field, for the history: every field that differs with its value
 * before and after, in the schema's order. A create (no `before`) lists each field that holds a
 * value, from null. Values are the stored ones, already bounded by the field's validation.
 */
export function fieldChanges(before: InteractionFields | undefined, after: InteractionFields): FieldChange[] {
  if (!before) {
    return INTERACTION_FIELD_NAMES.filter((name) => after[name] !== null).map((field) => ({ field, from: null, to: after[field] }));
  }
  return changedFieldNames(before, after).map((field) => ({ field, from: before[field], to: after[field] }));
}

// Instants are compared as moments: the database hands back "…00.000Z" for what was sent as "+01:00".
function sameValue(name: InteractionFieldName, a: unknown, b: unknown): boolean {
  if ((name === 'startDatetime' || name === 'endDatetime') && typeof a === 'string' && typeof b === 'string') {
    return Date.parse(a) === Date.parse(b);
  }
  return a === b;
}
