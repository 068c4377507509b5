import type { TSchema } from '@sinclair/typebox';
import { instantProblem, isIanaTimeZone, isIsoInstant } from './datetime';
import { TEXT_FIELDS } from './crdt';
import { fieldMessages } from './messages';
import {
  DEFAULT_INTERACTION_TYPES,
  INTERACTION_FIELD_NAMES,
  InteractionFieldsSchema,
  MERGED_TEXT_HEADROOM,
  OPTIONAL_INTERACTION_FIELDS,
  type InteractionFieldName,
  type InteractionFields
} from './interaction-schema';

export interface FieldError {
  /** The JSON field name, so a form can put the message beside its input. */
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface InteractionRules {
  /** The site's list of interaction types; the default list when the site has none of its own. */
  allowedTypes?: readonly string[];
}

/**
 * Checks a complete set of interaction fields and reports every broken rule, not just the first,
 * so a person can fix them all in one pass. Text is returned exactly as given: nothing is trimmed
 * or escaped, because what a person typed is what must be stored.
 */
export function validateInteractionFields(
  input: unknown,
  rules: InteractionRules = {}
): ValidationResult<InteractionFields> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'An interaction must be an object of fields.' }] };
  }
  const record = input as Record<string, unknown>;
  const singleFieldErrors = INTERACTION_FIELD_NAMES.flatMap((name) => fieldErrors(name, record[name]));
  // A field already reported alone is not reported again by a rule that spans fields.
  const reported = new Set(singleFieldErrors.map((error) => error.field));
  const errors = [
    ...unknownFieldErrors(record),
    ...singleFieldErrors,
    ...crossFieldErrors(record, rules).filter((error) => !reported.has(error.field))
  ];
  if (errors.length > 0) return { ok: false, errors };

  const value = Object.fromEntries(
    INTERACTION_FIELD_NAMES.map((name) => [name, record[name] ?? null])
  ) as InteractionFields;
  return { ok: true, value };
}

/**
 * Checks a partial change, as sent by an edit: only the fields present are checked alone, and the
 * cross-field rules run on the record as it would be after the change.
 */
export function validateInteractionPatch(
  current: InteractionFields,
  patch: unknown,
  rules: InteractionRules = {}
): ValidationResult<InteractionFields> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, errors: [{ field: '', message: 'A change must be an object of fields.' }] };
  }
  return validateInteractionFields({ ...current, ...patch }, rules);
}

/**
 * The rules a merged state can break although every replica kept them (DESIGN §4): concurrent
 * edits of a text can empty it, concurrent sets of start and end can cross. Such a state is stored
 * and flagged for review. What this returns is the stricter kind: a value that cannot be stored at
 * all (wrong kind of value, too long for its column, not an instant, an unstorable character),
 * which no merge of valid states produces, so a replica that sends it is refused.
 */
export function findUnstorableFields(fields: Record<string, unknown>): FieldError[] {
  return INTERACTION_FIELD_NAMES.flatMap((name) => fieldErrors(name, fields[name], { merged: true }));
}

/**
 * The unstorable fields a change brought in: those of `after` that `before` did not already hold
 * with the very same value. A record stored before a rule tightened stays storable (and is flagged
 * for review), so no one's later edit is refused for a value they never touched.
 */
export function findIntroducedUnstorableFields(
  after: Record<string, unknown>,
  before: Record<string, unknown> | undefined
): FieldError[] {
  return findUnstorableFields(after).filter((error) => before === undefined || before[error.field] !== after[error.field]);
}

// Postgres text cannot hold NUL, and a lone surrogate is not valid Unicode: both would fail or be
// altered on the way to the database, so they are refused here with a clear message instead.
const UNSTORABLE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unknownFieldErrors(record: Record<string, unknown>): FieldError[] {
  return Object.keys(record)
    .filter((key) => !(INTERACTION_FIELD_NAMES as string[]).includes(key))
    .map((key) => ({ field: key, message: fieldMessages.unknownField(key) }));
}

// What each field's schema asks of a string, looked up once rather than on every check.
const FIELD_RULES = Object.fromEntries(
  INTERACTION_FIELD_NAMES.map((name) => {
    const schema = InteractionFieldsSchema.properties[name] as TSchema;
    const stringSchema = (schema.anyOf?.find((member: TSchema) => member.type === 'string') ?? schema) as TSchema;
    return [name, { label: schema.title as string, stringSchema }];
  })
) as Record<InteractionFieldName, { label: string; stringSchema: TSchema }>;

// Every character UNSTORABLE_CHARACTER matches is one of these; the cheap test spares the full one
// on ordinary text.
const SUSPECT_CHARACTER = /[\u0000\uD800-\uDFFF]/;

/** True when text holds a character Postgres cannot store: a NUL or half of a broken emoji. */
export function hasUnstorableCharacter(value: string): boolean {
  return SUSPECT_CHARACTER.test(value) && UNSTORABLE_CHARACTER.test(value);
}

/**
 * With `merged`, the rules a merge of valid edits can break are waived: a text may be blank, and a
 * text typed by several people at once may pass its limit, up to the headroom its column has.
 */
function fieldErrors(name: InteractionFieldName, value: unknown, { merged = false } = {}): FieldError[] {
  const { label, stringSchema } = FIELD_RULES[name];
  if (value === undefined || value === null) {
    return OPTIONAL_INTERACTION_FIELDS.has(name) ? [] : fieldError(name, fieldMessages.required(label));
  }
  if (typeof value !== 'string') return fieldError(name, fieldMessages.notText(label));

  if (!merged && stringSchema.minLength && value.trim() === '') return fieldError(name, fieldMessages.required(label));
  if (hasUnstorableCharacter(value)) {
    return fieldError(name, fieldMessages.unstorable(label));
  }
  // Counted in code points, as Postgres and JSON Schema count them, so an emoji is one character.
  // There are never more code points than UTF-16 units, so only a long string needs counting.
  const maxLength = merged ? storableLength(name, stringSchema.maxLength) : stringSchema.maxLength;
  if (maxLength !== undefined && value.length > maxLength) {
    const length = [...value].length;
    if (length > maxLength) return fieldError(name, fieldMessages.tooLong(label, maxLength, length));
  }
  if (stringSchema.format === 'date-time') return instantErrors(name, label, value);
  return [];
}

function storableLength(name: InteractionFieldName, maxLength: number | undefined): number | undefined {
  return maxLength !== undefined && (TEXT_FIELDS as readonly string[]).includes(name) ? maxLength * MERGED_TEXT_HEADROOM : maxLength;
}

function instantErrors(name: InteractionFieldName, label: string, value: string): FieldError[] {
  const problem = instantProblem(value);
  if (problem === undefined) return [];
  return fieldError(name, problem === 'out-of-range' ? fieldMessages.instantOutOfRange(label) : fieldMessages.notInstant(label));
}

// Not a closure inside fieldErrors: that would be made afresh for every field of every record checked.
function fieldError(field: InteractionFieldName, message: string): FieldError[] {
  return [{ field, message }];
}

function crossFieldErrors(record: Record<string, unknown>, rules: InteractionRules): FieldError[] {
  const errors: FieldError[] = [];
  const { type, timezone, startDatetime, endDatetime } = record;
  const allowedTypes = rules.allowedTypes ?? DEFAULT_INTERACTION_TYPES;

  if (typeof type === 'string' && !allowedTypes.includes(type)) {
    errors.push({ field: 'type', message: fieldMessages.notOneOf('Type', allowedTypes) });
  }
  if (typeof timezone === 'string' && !isIanaTimeZone(timezone)) {
    errors.push({ field: 'timezone', message: fieldMessages.notTimeZone() });
  }
  if (
    typeof startDatetime === 'string' &&
    typeof endDatetime === 'string' &&
    isIsoInstant(startDatetime) &&
    isIsoInstant(endDatetime) &&
    Date.parse(endDatetime) <= Date.parse(startDatetime)
  ) {
    errors.push({ field: 'endDatetime', message: fieldMessages.endBeforeStart() });
  }
  return errors;
}
