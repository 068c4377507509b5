import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifySchema, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { isIsoInstant } from '../src/lib/domain';

// Validation strips nothing silently: unknown properties are rejected by each route's schema.
const AJV_OPTIONS = { removeAdditional: false, coerceTypes: 'array', allErrors: true, verbose: true } as const;

type AjvInstance = { addFormat(name: string, format: { type: 'string'; validate: (value: string) => boolean }): void };
type Validate = ((data: unknown, context?: unknown) => boolean) & { errors?: FastifySchemaValidationError[] | null; schemaEnv?: unknown };
type JsonSchema = { title?: string; type?: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/**
 * The request validator for every route: Ajv from the route's schema, with the domain's rules for
 * what no schema keyword says. Query strings and path parameters are text, so only they are coerced
 * (`limit=20`); JSON bodies arrive typed, and coercing them would store `title: 42` as "42".
 */
export function requestValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  // Fastify's own validator factory (a dependency of Fastify), built twice, coercing and exact.
  const build = AjvCompiler();
  // The domain's instants, not ajv-formats' date-time, which takes year 0000 (Postgres has none).
  const onCreate = (ajv: AjvInstance) => ajv.addFormat('date-time', { type: 'string', validate: isIsoInstant });
  const coercing = build({}, { customOptions: AJV_OPTIONS, onCreate });
  const exact = build({}, { customOptions: { ...AJV_OPTIONS, coerceTypes: false }, onCreate });
  return (route) => {
    const validate = (route.httpPart === 'body' ? exact : coercing)(route) as Validate;
    return withStorableInput(validate, route.schema as JsonSchema);
  };
}

/**
 * Refuses, beside what the schema finds, what would fail in the database rather than here:
 * - a NUL character in any text, which Postgres text cannot hold;
 * - a number that is not finite: Ajv coerces "Infinity" and "1e999" to Infinity and then skips
 *   its range checks for it, so `limit=Infinity` would reach the query.
 */
function withStorableInput(validate: Validate, schema: JsonSchema): Validate {
  const checked: Validate = (data, context) => {
    const valid = validate(data, context);
    const found = valid ? [] : (validate.errors ?? []);
    const reported = new Set(found.map((issue) => issue.instancePath));
    const unstorable = unstorableValues(data, schema).filter((issue) => !reported.has(issue.instancePath));
    checked.errors = found.length + unstorable.length > 0 ? [...found, ...unstorable] : null;
    return checked.errors === null;
  };
  // Fastify hands Ajv's own functions their parent object, so a coerced root value can be replaced.
  checked.schemaEnv = validate.schemaEnv;
  return checked;
}

// Only where the schema describes the value: the depth is then the schema's, however deeply a body
// nests, and a part the schema leaves open (a pushed row, checked on its own) is judged by its own schema.
function unstorableValues(data: unknown, schema: JsonSchema | undefined, path = ''): FastifySchemaValidationError[] {
  if (schema === undefined) return [];
  if (typeof data === 'string') {
    return data.includes('\u0000') ? [issue('unstorableText', path, schema, 'must not contain a NUL character')] : [];
  }
  if (typeof data === 'number') {
    return Number.isFinite(data) ? [] : [issue('type', path, schema, 'must be a finite number', { type: schema.type ?? 'number' })];
  }
  if (Array.isArray(data)) {
    const items = described(schema, 'items');
    return items ? data.flatMap((item, index) => unstorableValues(item, items, `${path}/${index}`)) : [];
  }
  if (typeof data === 'object' && data !== null) {
    const properties = described(schema, 'properties');
    if (!properties) return [];
    return Object.entries(data).flatMap(([key, value]) => unstorableValues(value, properties[key], `${path}/${key}`));
  }
  return [];
}

/** The schema's own `items` or `properties`, or those of the first member of its union that has them. */
function described<Part extends 'items' | 'properties'>(schema: JsonSchema, part: Part): JsonSchema[Part] {
  return schema[part] ?? schema.anyOf?.find((member) => member[part] !== undefined)?.[part];
}

function issue(
  keyword: string,
  instancePath: string,
  schema: JsonSchema | undefined,
  message: string,
  params: Record<string, unknown> = {}
): FastifySchemaValidationError {
  return { keyword, instancePath, schemaPath: '', params, message, parentSchema: schema } as FastifySchemaValidationError;
}
