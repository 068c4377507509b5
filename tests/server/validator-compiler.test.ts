import { Type, type TSchema } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { fieldMessages } from '../../src/lib/domain';
import { RequestValidationError, requestValidatorCompiler } from '../../sync-server/validator-compiler';

const Query = Type.Object(
  {
    q: Type.Optional(Type.String({ title: 'Query', maxLength: 20 })),
    limit: Type.Integer({ title: 'Limit', minimum: 1, maximum: 100, default: 20 }),
    remaining: Type.Union([Type.Boolean(), Type.Literal(1), Type.Literal(0)], { title: 'Remaining', default: false })
  },
  { additionalProperties: false }
);
const Body = Type.Object({ title: Type.String({ title: 'Title' }), count: Type.Optional(Type.Integer({ title: 'Count' })) });

type Outcome = { value?: unknown; error?: RequestValidationError };

function validate(schema: TSchema, httpPart: string, data: unknown): Outcome {
  const compile = requestValidatorCompiler();
  const validator = compile({ schema, httpPart, method: 'GET', url: '/test' }) as (data: unknown) => Outcome;
  return validator(data);
}

const fieldsOf = (outcome: Outcome) => outcome.error?.fields;

describe('requestValidatorCompiler', () => {
  it('types a query string from its text and fills in its defaults', () => {
    expect(validate(Query, 'querystring', { limit: '50', remaining: '1' }).value).toEqual({ limit: 50, remaining: 1 });
    expect(validate(Query, 'querystring', { remaining: 'true' }).value).toEqual({ limit: 20, remaining: true });
  });

  it.each(['Infinity', '1e999', '20.5', 'ten', ''])('refuses limit=%s rather than reading a number into it', (limit) => {
    expect(fieldsOf(validate(Query, 'querystring', { limit }))).toEqual([
      { field: 'limit', message: fieldMessages.wrongType('Limit', 'a whole number') }
    ]);
  });

  it('says where a number is out of its range', () => {
    expect(fieldsOf(validate(Query, 'querystring', { limit: '101' }))).toEqual([{ field: 'limit', message: fieldMessages.atMost('Limit', 100) }]);
  });

  it('refuses a NUL character in any text the schema describes', () => {
    expect(fieldsOf(validate(Query, 'querystring', { q: 'a\u0000b' }))).toEqual([{ field: 'q', message: fieldMessages.unstorable('Query') }]);
    expect(fieldsOf(validate(Body, 'body', { title: 'a\u0000b' }))).toEqual([{ field: 'title', message: fieldMessages.unstorable('Title') }]);
  });

  it('names an unknown key as a field of the part it came in', () => {
    expect(fieldsOf(validate(Query, 'querystring', { colour: 'red' }))).toEqual([
      { field: 'colour', message: fieldMessages.unknownField('colour', 'this querystring') }
    ]);
  });

  it('never converts a body: a number is not text, and text is not a number', () => {
    expect(fieldsOf(validate(Body, 'body', { title: 42, count: '3' }))).toEqual([
      { field: 'title', message: fieldMessages.notText('Title') },
      { field: 'count', message: fieldMessages.wrongType('Count', 'a whole number') }
    ]);
  });
});
