import { Type, type TSchema } from '@sinclair/typebox';
import { isIanaTimeZone, isIsoInstant } from './datetime';
import { fieldMessages } from './messages';
import { checkAgainstSchema } from './schema-errors';
import {
  DEFAULT_INTERACTION_TYPES,
  INTERACTION_FIELD_NAMES,
  InteractionFieldsSchema,
  MERGED_TEXT_HEADROOM,
  OPTIONAL_INTERACTION_FIELDS,
  TEXT_FIELDS,
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
  const singleFieldErrors = singleFieldFindings(record, STRICT);
  // A field already reported alone is not reported again by a rule that spans fields.
  const reported = new Set(singleFieldErrors.map((error) => error.field));
  const errors = [...singleFieldErrors, ...crossFieldErrors(record, rules).filter((error) => !reported.has(error.field))];
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
  return singleFieldFindings(fields, mergedRules());
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

// Every character UNSTORABLE_CHARACTER matches is one of these; the cheap test spares the full one
// on ordinary text.
const SUSPECT_CHARACTER = /[\u0000\uD800-\uDFFF]/;

/** True when text holds a character Postgres cannot store: a NUL or half of a broken emoji. */
export function hasUnstorableCharacter(value: string): boolean {
  return SUSPECT_CHARACTER.test(value) && UNSTORABLE_CHARACTER.test(value);
}

// What each field's label is and whether the schema asks it for at least one character.
const fieldSchema = (name: InteractionFieldName): TSchema => InteractionFieldsSchema.properties[name];
const LABELS = Object.fromEntries(INTERACTION_FIELD_NAMES.map((name) => [name, fieldSchema(name).title as string])) as Record<
  InteractionFieldName,
  string
>;
const MUST_NOT_BE_BLANK = new Set(INTERACTION_FIELD_NAMES.filter((name) => fieldSchema(name).minLength));

interface FieldRules {
  /** What the schema checker is given: the domain schema, or its relaxation for merged states. */
  schema: TSchema;
  /** Whether a text of spaces counts as missing where the schema asks for at least one character. */
  blankIsMissing: boolean;
}

/**
 * What a merge of valid edits can break is waived (DESIGN §4): a text may be blank, and a text typed
 * by several people at once may pass its limit, up to the headroom its column has. Derived from the
 * domain schema, so a limit changed there changes here too. Other keys (a stored row's id, site,
 * flags) are not this check's business.
 */
function mergedFieldsSchema(): TSchema {
  return Type.Object(Object.fromEntries(INTERACTION_FIELD_NAMES.map((name) => [name, relaxedForMerge(name, fieldSchema(name))])));
}

function relaxedForMerge(name: InteractionFieldName, schema: TSchema): TSchema {
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: schema.anyOf.map((member: TSchema) => relaxedForMerge(name, member)) };
  if (schema.type !== 'string') return schema;
  const { minLength: _blankAllowed, ...relaxed } = schema;
  const isText = (TEXT_FIELDS as readonly string[]).includes(name);
  return isText && schema.maxLength !== undefined ? { ...relaxed, maxLength: schema.maxLength * MERGED_TEXT_HEADROOM } : relaxed;
}

const STRICT: FieldRules = { schema: InteractionFieldsSchema, blankIsMissing: true };
// Made on first use, not at load: the domain's modules import one another, and TEXT_FIELDS may not
// be loaded yet when this module is.
let merged: FieldRules | undefined;
const mergedRules = (): FieldRules => (merged ??= { schema: mergedFieldsSchema(), blankIsMissing: false });

/**
 * Each field judged alone: first what the schema cannot say (an empty value is missing, not "not
 * text"; spaces alone are blank; a character Postgres cannot store), then the schema itself, through
 * the one translation every check shares. Unknown keys are listed first, then the fields in schema order.
 */
function singleFieldFindings(record: Record<string, unknown>, rules: FieldRules): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const name of INTERACTION_FIELD_NAMES) {
    const message = domainOnlyProblem(name, record[name], rules);
    if (message !== undefined) byField.set(name, { field: name, message });
  }
  for (const error of checkAgainstSchema(rules.schema, withEmptyOptionals(record), SCHEMA_CONTEXT)) {
    if (!byField.has(error.field)) byField.set(error.field, error);
  }
  if (byField.size === 0) return [];
  const order = [...Object.keys(record).filter((key) => !(INTERACTION_FIELD_NAMES as string[]).includes(key)), ...INTERACTION_FIELD_NAMES];
  return order.flatMap((field) => byField.get(field) ?? []);
}

const SCHEMA_CONTEXT = { part: 'interaction', unknownFieldOf: 'an interaction' };

// An optional field left out is empty, as it is stored; the schema lists every key, for RxDB.
function withEmptyOptionals(record: Record<string, unknown>): Record<string, unknown> {
  const missing = [...OPTIONAL_INTERACTION_FIELDS].filter((name) => record[name] === undefined);
  return missing.length === 0 ? record : { ...record, ...Object.fromEntries(missing.map((name) => [name, null])) };
}

function domainOnlyProblem(name: InteractionFieldName, value: unknown, rules: FieldRules): string | undefined {
  const label = LABELS[name];
  // Left out or left empty (the form gives no value for a blank date): missing, not "not text".
  if (value === undefined || value === null) return OPTIONAL_INTERACTION_FIELDS.has(name) ? undefined : fieldMessages.required(label);
  if (typeof value !== 'string') return undefined;
  if (rules.blankIsMissing && MUST_NOT_BE_BLANK.has(name) && value.trim() === '') return fieldMessages.required(label);
  if (hasUnstorableCharacter(value)) return fieldMessages.unstorable(label);
  return undefined;
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
