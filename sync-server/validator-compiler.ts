import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Default } from '@sinclair/typebox/value';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../src/lib/domain';
import { schemaFieldErrors } from '../src/lib/domain/schema-errors';
import { fromText, unstorableTexts } from './request-validation';

/** A request part that breaks its route's schema, with what is wrong in the domain's words. */
export class RequestValidationError extends Error {
  constructor(readonly fields: FieldError[]) {
    super(fields.map(({ message }) => message).join(' '));
  }
}

/** Fastify sets this on the error it is handed, as on its own validation errors. */
export type RequestValidationFailure = RequestValidationError & { validationContext?: string };

/**
 * The request validator for every route: TypeBox's checker, compiled from the route's schema (the
 * same checker the form and the local database run, interpreted there), its findings put into
 * person-facing words by the domain's one translation. Query strings and path parameters are text,
 * so only they are typed and given their defaults first.
 */
export function requestValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  return ({ schema, httpPart }) => {
    const check = compileRequestCheck(schema as TSchema, httpPart ?? 'request');
    const isText = httpPart !== 'body';
    return (data: unknown) => {
      const value = isText ? Default(schema as TSchema, fromText(schema as TSchema, data)) : data;
      const fields = check(value);
      return fields.length > 0 ? { error: new RequestValidationError(fields) } : { value };
    };
  };
}

/**
 * A check of one value against a schema, compiled once: what the schema finds, and beside it what
 * would fail in the database rather than here (text Postgres cannot hold). Unknown fields are named
 * as fields of this `part` ("this body", "this document").
 */
export function compileRequestCheck(schema: TSchema, part: string): (value: unknown) => FieldError[] {
  const checker = TypeCompiler.Compile(schema);
  const context = { part };
  return (value) => {
    const found = checker.Check(value) ? [] : schemaFieldErrors(checker.Errors(value), context);
    const reported = new Set(found.map((error) => error.field));
    const unstorable = unstorableTexts(schema, value, part).filter((error) => !reported.has(error.field));
    return unstorable.length > 0 ? [...found, ...unstorable] : found;
  };
}
