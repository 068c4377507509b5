import type { TSchema } from '@sinclair/typebox';
import { Errors, ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Check } from '@sinclair/typebox/value';
import { instantProblem } from './datetime';
import { fieldMessages } from './messages';
import './schema-formats';
import type { FieldError } from './validation';

export interface SchemaErrorContext {
  /** What a value sits in, for the labels of values with no title and for unknown fields: 'body'. */
  part: string;
  /** Ends "“x” is not a field of …": 'an interaction', 'this body'. */
  unknownFieldOf?: string;
}

/**
 * Checks a value against a TypeBox schema with TypeBox's own interpretive checker (no code is
 * generated, so it runs under the app's Content-Security-Policy) and says what is wrong in
 * person-facing words.
 */
export function checkAgainstSchema(schema: TSchema, value: unknown, context: SchemaErrorContext): FieldError[] {
  // The cheap pass first: most values are valid, and only a failure needs its errors collected.
  return Check(schema, value) ? [] : schemaFieldErrors(Errors(schema, value), context);
}

/**
 * Puts TypeBox's findings into the person-facing words of `fieldMessages`: the one translation for
 * the form, the local database and every server route, so the same mistake reads the same way
 * wherever it is caught. One message per field, the first found: a missing value is not also "not
 * text", and a form shows one line under each input.
 */
export function schemaFieldErrors(errors: Iterable<ValueError>, context: SchemaErrorContext): FieldError[] {
  const byField = new Map<string, string>();
  for (const error of errors) {
    const field = fieldOf(error.path);
    if (byField.has(field)) continue;
    const message = messageFor(error, context);
    if (message !== undefined) byField.set(field, message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** Undefined when the finding is not a mistake after all (a length TypeBox counts differently). */
function messageFor(error: ValueError, context: SchemaErrorContext): string | undefined {
  const label = labelOf(error.schema, error.path, context.part);
  const schema = error.schema;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return fieldMessages.required(label);
    case ValueErrorType.ObjectAdditionalProperties:
      return fieldMessages.unknownField(lastKey(error.path), context.unknownFieldOf ?? `this ${context.part}`);
    case ValueErrorType.String:
      return fieldMessages.notText(label);
    case ValueErrorType.Integer:
    case ValueErrorType.Number:
    case ValueErrorType.Boolean:
    case ValueErrorType.Object:
    case ValueErrorType.Array:
    case ValueErrorType.Null:
      return fieldMessages.wrongType(label, TYPE_WORDS[error.type] ?? 'a valid value');
    // TypeBox counts UTF-16 units; the domain, Postgres and JSON Schema count code points, so an
    // emoji is one character.
    case ValueErrorType.StringMinLength:
      return codePoints(error.value) < schema.minLength ? fieldMessages.required(label) : undefined;
    case ValueErrorType.StringMaxLength: {
      const length = codePoints(error.value);
      return length > schema.maxLength ? fieldMessages.tooLong(label, schema.maxLength, length) : undefined;
    }
    case ValueErrorType.StringFormat:
    case ValueErrorType.StringFormatUnknown:
      return formatMessage(label, String(schema.format), error.value);
    case ValueErrorType.StringPattern:
      return fieldMessages.notMatching(label, String(schema.pattern));
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return fieldMessages.atLeast(label, schema.minimum);
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return fieldMessages.atMost(label, schema.maximum);
    case ValueErrorType.ArrayMinItems:
      return fieldMessages.tooFewEntries(label, schema.minItems);
    case ValueErrorType.ArrayMaxItems:
      return fieldMessages.tooManyEntries(label, schema.maxItems, (error.value as unknown[]).length);
    case ValueErrorType.Literal:
      return fieldMessages.notOneOf(label, [schema.const]);
    case ValueErrorType.Union:
      return unionMessage(error, label, context);
    default:
      return fieldMessages.notValid(label);
  }
}

const TYPE_WORDS: Partial<Record<ValueErrorType, string>> = {
  [ValueErrorType.Integer]: 'a whole number',
  [ValueErrorType.Number]: 'a number',
  [ValueErrorType.Boolean]: 'true or false',
  [ValueErrorType.Object]: 'an object',
  [ValueErrorType.Array]: 'a list',
  [ValueErrorType.Null]: 'empty'
};

/**
 * A union's branches each fail in their own way; it is reported once. A choice of literals lists
 * them; a nullable value says what its non-null branch says, under the union's label.
 */
function unionMessage(union: ValueError, label: string, context: SchemaErrorContext): string | undefined {
  const branches = union.schema.anyOf as TSchema[];
  if (branches.every((branch) => 'const' in branch)) return fieldMessages.notOneOf(label, branches.map((branch) => branch.const));
  for (const [index, branch] of branches.entries()) {
    if (branch.type === 'null') continue;
    const findings = [...(union.errors[index] ?? [])];
    const messages = findings.flatMap((finding) => messageFor({ ...finding, schema: { ...finding.schema, title: finding.schema.title ?? label } }, context) ?? []);
    // Every finding waived (a length TypeBox miscounted): the value fits this branch after all.
    if (findings.length > 0 && messages.length === 0) return undefined;
    if (messages.length > 0) return messages[0];
  }
  return fieldMessages.notValid(label);
}

function formatMessage(label: string, format: string, value: unknown): string {
  if (format === 'date-time') {
    const outOfRange = typeof value === 'string' && instantProblem(value) === 'out-of-range';
    return outOfRange ? fieldMessages.instantOutOfRange(label) : fieldMessages.notInstant(label);
  }
  if (format === 'uuid') return fieldMessages.notUuid(label);
  return fieldMessages.notValid(label);
}

function labelOf(schema: TSchema, path: string, part: string): string {
  return (schema.title as string | undefined) ?? (fieldOf(path) || part);
}

// JSON Pointer (`/newDocumentState/id`) to the dotted name a form and a client read (`newDocumentState.id`).
function fieldOf(path: string): string {
  return path.split('/').slice(1).map(unescapeKey).join('.');
}

function lastKey(path: string): string {
  return unescapeKey(path.slice(path.lastIndexOf('/') + 1));
}

function unescapeKey(key: string): string {
  return key.replaceAll('~1', '/').replaceAll('~0', '~');
}

function codePoints(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}
