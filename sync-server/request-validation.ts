import type { TSchema } from '@sinclair/typebox';
import { Check } from '@sinclair/typebox/value';
import { fieldMessages, hasUnstorableCharacter, type FieldError } from '../src/lib/domain';

/**
 * A query string's or path's values as the schema types them: `limit=20` becomes 20, `remaining=true`
 * true. A JSON body arrives typed and is never converted, or `title: 42` would be stored as "42".
 * Stricter than a parse of the leading digits: `1e999` is Infinity and `20.5` stays 20.5, so the
 * schema refuses them instead of taking 1 or 20.
 */
export function fromText(schema: TSchema, value: unknown): unknown {
  if (typeof value === 'string') return textAs(schema, value);
  if (Array.isArray(value)) {
    // A key given twice is a list; where the schema wants one value, a list of one is that value.
    if (schema.type !== 'array') return value.length === 1 ? fromText(schema, value[0]) : value;
    return schema.items ? value.map((item) => fromText(schema.items, item)) : value;
  }
  const properties = described(schema, 'properties');
  if (typeof value !== 'object' || value === null || properties === undefined) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, properties[key] ? fromText(properties[key], item) : item]));
}

function textAs(schema: TSchema, text: string): unknown {
  if (Array.isArray(schema.anyOf)) {
    // The first member the text can be read as, so `remaining=1` is the literal 1, not a string.
    for (const member of schema.anyOf as TSchema[]) {
      const typed = textAs(member, text);
      if (Check(member, typed)) return typed;
    }
    return text;
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'null':
      return text === '' ? null : text;
    case 'array':
      return [textAs(schema.items ?? {}, text)];
    default:
      return text;
  }
}

/**
 * Text the database would refuse or alter (a NUL, half of a broken emoji), anywhere the schema
 * describes the value. Only there: the depth is then the schema's, however deeply a body nests, and
 * a part the schema leaves open (a pushed row, checked on its own) is judged by its own schema.
 */
export function unstorableTexts(schema: TSchema | undefined, value: unknown, part: string, path: string[] = []): FieldError[] {
  if (schema === undefined) return [];
  if (typeof value === 'string') {
    if (!hasUnstorableCharacter(value)) return [];
    const field = path.join('.');
    return [{ field, message: fieldMessages.unstorable((schema.title as string | undefined) ?? (field || part)) }];
  }
  if (Array.isArray(value)) {
    const items = described(schema, 'items');
    return items ? value.flatMap((item, index) => unstorableTexts(items, item, part, [...path, String(index)])) : [];
  }
  const properties = described(schema, 'properties');
  if (typeof value !== 'object' || value === null || properties === undefined) return [];
  return Object.entries(value).flatMap(([key, item]) => unstorableTexts(properties[key], item, part, [...path, key]));
}

type Described = { items: TSchema; properties: Record<string, TSchema> };

/** The schema's own `items` or `properties`, or those of the first member of its union that has them. */
function described<Part extends keyof Described>(schema: TSchema, part: Part): Described[Part] | undefined {
  return schema[part] ?? (schema.anyOf as TSchema[] | undefined)?.find((member) => member[part] !== undefined)?.[part];
}
