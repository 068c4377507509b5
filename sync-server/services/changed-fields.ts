import {
  INTERACTION_FIELD_NAMES,
  changedFieldNames,
  sameFieldValue,
  type InteractionFields
} from '../../src/lib/domain';
import type { FieldChange } from '../../src/lib/domain/sync-protocol';

/**
 * What a write changed, field by field, for the history: every field that differs with its value
 * before and after, in the schema's order. A create (no `before`) lists each field that holds a
 * value, from null; an empty optional field holds none. Values are the stored ones, already bounded
 * by the field's validation.
 */
export function fieldChanges(before: InteractionFields | undefined, after: InteractionFields): FieldChange[] {
  if (!before) {
    return INTERACTION_FIELD_NAMES.filter((name) => !sameFieldValue(name, null, after[name])).map((field) => ({
      field,
      from: null,
      to: after[field]
    }));
  }
  return changedFieldNames(before, after).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** A create's history: it names every field, though its changes leave out the empty ones. */
export function creationChanges(fields: InteractionFields): { changedFields: string[]; changes: FieldChange[] } {
  return { changedFields: [...INTERACTION_FIELD_NAMES], changes: fieldChanges(undefined, fields) };
}
