import {
  INTERACTION_FIELD_NAMES,
  InteractionFieldsSchema,
  OPTIONAL_INTERACTION_FIELDS,
  type InteractionFieldName,
  type InteractionFields
} from '$lib/domain';

const INSTANT_FIELDS: ReadonlySet<InteractionFieldName> = new Set(
  INTERACTION_FIELD_NAMES.filter((name) => InteractionFieldsSchema.properties[name].format === 'date-time')
);

/**
 * The fields of `next` that differ from `current`. Only these are written to the Yjs document:
 * writing a field that did not really change would override someone else's concurrent edit of it.
 * So an instant written with another offset, or an empty optional text given as '' instead of
 * null, is no change.
 */
export function changedFields(current: InteractionFields, next: InteractionFields): Partial<InteractionFields> {
  const change: Partial<InteractionFields> = {};
  for (const name of INTERACTION_FIELD_NAMES) {
    if (!sameValue(name, current[name], next[name])) Object.assign(change, { [name]: next[name] });
  }
  return change;
}

function sameValue(name: InteractionFieldName, a: string | null, b: string | null): boolean {
  if (OPTIONAL_INTERACTION_FIELDS.has(name) && !a && !b) return true;
  if (a === b) return true;
  return INSTANT_FIELDS.has(name) && a !== null && b !== null && Date.parse(a) === Date.parse(b);
}
