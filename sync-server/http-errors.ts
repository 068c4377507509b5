import type { FieldError } from '../src/lib/domain';

/**
 * An expected failure with an HTTP status and a stable code that clients can act on. Anything else
 * thrown is a bug: it becomes a 500 whose body says nothing about the inside.
 */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[]
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: FieldError[] };
}
