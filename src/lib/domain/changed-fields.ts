import { instantProblem } from './datetime';
import {
  INTERACTION_FIELD_NAMES,
  InteractionFieldsSchema,
  OPTIONAL_INTERACTION_FIELDS,
  type InteractionFieldName
} from './interaction-schema';

/**
 * Interaction fields as a record or a form being filled in holds them. A form leaves out a date it
 * cannot read yet, so a value may be undefined as well as null.
 */
export type InteractionFieldValues = { readonly [name in InteractionFieldName]: string | null | undefined };

const INSTANT_FIELDS: ReadonlySet<InteractionFieldName> = new Set(
  INTERACTION_FIELD_NAMES.filter((name) => InteractionFieldsSchema.properties[name].format === 'date-time')
);

/**
 * Whether two values of a field are one stored value. An optional field stores empty as null, so
 * '', null and a missing value are the same to it. An instant is a moment: the database hands back
 * "…09:30:00.000Z" for what was written as "…10:30:00+01:00", and that is no change.
 */
export function sameFieldValue(name: InteractionFieldName, a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  if (OPTIONAL_INTERACTION_FIELDS.has(name) && isEmpty(a) && isEmpty(b)) return true;
  return INSTANT_FIELDS.has(name) && sameMoment(a, b);
}

/** The fields whose values differ, in the schema's order. */
export function changedFieldNames(before: InteractionFieldValues, after: InteractionFieldValues): InteractionFieldName[] {
  return INTERACTION_FIELD_NAMES.filter((name) => !sameFieldValue(name, before[name], after[name]));
}

/**
 * The fields of `after` that differ from `before`, with their new values. Only these may be written
 * to a shared document: writing a field that did not really change would override someone else's
 * concurrent edit of it.
 */
export function changedFields<T extends InteractionFieldValues>(before: T, after: T): Partial<T> {
  return Object.fromEntries(changedFieldNames(before, after).map((name) => [name, after[name]])) as Partial<T>;
}

function isEmpty(value: string | null | undefined): boolean {
  return value === '' || value === null || value === undefined;
}

// Date.parse stops at milliseconds while an instant may carry up to nine fraction digits (Postgres
// keeps six), so the fraction is compared as digits. Only written instants count: Date.parse also
// reads loose forms such as "2020-03-02", which name no moment a record may hold.
function sameMoment(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!isWrittenInstant(a) || !isWrittenInstant(b)) return false;
  return Date.parse(withoutFraction(a)) === Date.parse(withoutFraction(b)) && fractionDigits(a) === fractionDigits(b);
}

// An instant out of range still names a moment; whether it may be stored is for validation to say.
function isWrittenInstant(value: string | null | undefined): value is string {
  return typeof value === 'string' && instantProblem(value) !== 'malformed';
}

// The only '.' an instant can hold is the one before its fraction of a second.
const FRACTION = /\.(\d+)/;

function withoutFraction(instant: string): string {
  return instant.replace(FRACTION, '');
}

function fractionDigits(instant: string): string {
  return (FRACTION.exec(instant)?.[1] ?? '').replace(/0+$/, '');
}
