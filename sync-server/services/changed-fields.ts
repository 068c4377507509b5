import { INTERACTION_FIELD_NAMES, type InteractionFieldName, type InteractionFields } from '../../src/lib/domain';

/** The fields whose values differ, for the history. */
export function changedFieldNames(before: InteractionFields, after: InteractionFields): InteractionFieldName[] {
  return INTERACTION_FIELD_NAMES.filter((name) => !sameValue(name, before[name], after[name]));
}

// Instants are compared as moments: the database hands back "…00.000Z" for what was sent as "+01:00".
function sameValue(name: InteractionFieldName, a: unknown, b: unknown): boolean {
  if ((name === 'startDatetime' || name === 'endDatetime') && typeof a === 'string' && typeof b === 'string') {
    return Date.parse(a) === Date.parse(b);
  }
  return a === b;
}
