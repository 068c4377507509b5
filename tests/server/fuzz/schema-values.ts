import fc from 'fast-check';
import type { JsonSchema } from './route-catalogue';
import { deepNesting, hostileInstant, hostileJson, hostileText } from './hostile-values';

/**
 * Real values the server knows, by property name (`siteId`, `id`, `cursor`…), so that generated
 * requests reach past "no such site" into the code behind it.
 */
export type Vocabulary = Readonly<Record<string, readonly string[]>>;

/** A value the schema accepts: real ids and names where the vocabulary has them. */
export function validValue(schema: JsonSchema, name: string, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const known = vocabulary[name];
  const derived = fromSchema(schema, vocabulary);
  return known && known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, derived) : derived;
}

function fromSchema(schema: JsonSchema, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((member) => fromSchema(member, vocabulary)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? validValue(schema.items, '', vocabulary) : fc.jsonValue(), {
        maxLength: Math.min(schema.maxItems ?? 4, 4)
      });
    case 'object':
      return objectFor(schema, vocabulary);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'email':
      return fc.emailAddress();
    default:
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
  }
}

function objectFor(schema: JsonSchema, vocabulary: Vocabulary): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const record = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, validValue(property, key, vocabulary)])
  );
  return fc.record(record, { requiredKeys: schema.required ?? [] });
}

/**
 * A value for this schema: valid, or valid but for one mutation (a property missing, added, of the
 * wrong type, hostile text, an instant out of range), or something else entirely.
 */
export function mutatedValue(schema: JsonSchema, name: string, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const valid = validValue(schema, name, vocabulary);
  const mutations: fc.Arbitrary<unknown>[] = [hostileJson, hostileFor(schema)];
  if (schema.type === 'object' && schema.properties) mutations.push(mutatedObject(schema, vocabulary));
  if (schema.type === 'array' && schema.items) mutations.push(mutatedArray(schema, vocabulary));
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 3, arbitrary: fc.oneof(...mutations) });
}

/** A hostile value of the kind the schema names: text for text, instants for instants. */
function hostileFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.format === 'date-time') return hostileInstant;
  if (schema.type === 'string') return hostileText;
  if (schema.type === 'integer' || schema.type === 'number') {
    return fc.constantFrom(-0, -1, 0, 0.5, 2 ** 31, 2 ** 63, 1e308, (schema.maximum ?? 0) + 1, (schema.minimum ?? 0) - 1);
  }
  return hostileJson;
}

function mutatedObject(schema: JsonSchema, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  const base = objectFor({ ...schema, required: keys }, vocabulary);
  return fc.oneof(
    fc.tuple(base, fc.constantFrom(...keys)).map(([value, key]) => omit(value, key)),
    fc.tuple(base, fc.constantFrom('extra', '__proto__', 'constructor', 'createdBy', 'deleted', 'serverSeq', ''), hostileJson).map(
      ([value, key, extra]) => ({ ...value, [key]: extra })
    ),
    fc
      .tuple(base, fc.constantFrom(...keys))
      .chain(([value, key]) => hostileFor(schema.properties![key]).map((hostile) => ({ ...value, [key]: hostile }))),
    fc.tuple(base, fc.constantFrom(...keys), hostileJson).map(([value, key, wrong]) => ({ ...value, [key]: wrong })),
    base.map((value) => [value]),
    deepNesting()
  );
}

function mutatedArray(schema: JsonSchema, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  const item = mutatedValue(schema.items!, '', vocabulary);
  return fc.oneof(
    fc.array(item, { minLength: 1, maxLength: 6 }),
    // One item where the array of them belongs.
    validValue(schema.items!, '', vocabulary),
    fc.constant(Array.from({ length: (schema.maxItems ?? 100) + 1 }, () => ({})))
  );
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
