import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { fieldMessages } from '../../../src/lib/domain';
import { checkAgainstSchema } from '../../../src/lib/domain/schema-errors';

const Body = Type.Object(
  {
    title: Type.String({ title: 'Title', minLength: 1, maxLength: 5 }),
    at: Type.String({ title: 'At', format: 'date-time' }),
    id: Type.Optional(Type.String({ title: 'Id', format: 'uuid' })),
    place: Type.Union([Type.String({ maxLength: 3 }), Type.Null()], { title: 'Place' }),
    kind: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')], { title: 'Kind' })),
    count: Type.Optional(Type.Integer({ title: 'Count', minimum: 1, maximum: 9 }))
  },
  { additionalProperties: false }
);
const valid = { title: 'Hi', at: '2026-03-01T09:30:00Z', place: null };
const errorsOf = (value: unknown) => checkAgainstSchema(Body, value, { part: 'body' });

describe('checkAgainstSchema', () => {
  it('finds nothing in a valid value', () => {
    expect(errorsOf(valid)).toEqual([]);
  });

  it('says a missing field is required, once', () => {
    expect(errorsOf({ at: valid.at, place: null })).toEqual([{ field: 'title', message: fieldMessages.required('Title') }]);
  });

  it('names an unknown field as a field of the part', () => {
    expect(errorsOf({ ...valid, colour: 1 })).toEqual([{ field: 'colour', message: fieldMessages.unknownField('colour', 'this body') }]);
  });

  it('counts length in code points, so five emoji fit a limit of five', () => {
    expect(errorsOf({ ...valid, title: '🚀🚀🚀🚀🚀' })).toEqual([]);
    expect(errorsOf({ ...valid, title: '🚀🚀🚀🚀🚀🚀' })).toEqual([{ field: 'title', message: fieldMessages.tooLong('Title', 5, 6) }]);
  });

  it("reports a nullable value's problem under the union's label", () => {
    expect(errorsOf({ ...valid, place: 'Leeds' })).toEqual([{ field: 'place', message: fieldMessages.tooLong('Place', 3, 5) }]);
    expect(errorsOf({ ...valid, place: '🚀🚀🚀' })).toEqual([]);
  });

  it('lists the choices of a union of literals', () => {
    expect(errorsOf({ ...valid, kind: 'c' })).toEqual([{ field: 'kind', message: fieldMessages.notOneOf('Kind', ['a', 'b']) }]);
  });

  it("uses the domain's formats and their messages", () => {
    expect(errorsOf({ ...valid, at: '0999-01-01T00:00:00Z', id: 'nope' })).toEqual([
      { field: 'at', message: fieldMessages.instantOutOfRange('At') },
      { field: 'id', message: fieldMessages.notUuid('Id') }
    ]);
    expect(errorsOf({ ...valid, at: '2026-02-30T00:00:00Z' })).toEqual([{ field: 'at', message: fieldMessages.notInstant('At') }]);
  });

  it('says what kind of value was expected, and refuses numbers that are not finite', () => {
    expect(errorsOf({ ...valid, title: 42 })).toEqual([{ field: 'title', message: fieldMessages.notText('Title') }]);
    expect(errorsOf({ ...valid, count: Infinity })).toEqual([{ field: 'count', message: fieldMessages.wrongType('Count', 'a whole number') }]);
    expect(errorsOf({ ...valid, count: 10 })).toEqual([{ field: 'count', message: fieldMessages.atMost('Count', 9) }]);
  });

  it('labels a value with no title by the part it is', () => {
    expect(errorsOf(null)).toEqual([{ field: '', message: fieldMessages.wrongType('body', 'an object') }]);
  });
});
