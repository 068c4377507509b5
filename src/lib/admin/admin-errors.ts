import type { FieldError } from '$lib/domain';

/** The server refused: `message` is written for people, `fields` says which inputs were wrong. */
export class AdminRequestError extends Error {
  override name = 'AdminRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = []
  ) {
    super(message);
  }
}

/** The server could not be reached: administration needs a connection, and nothing was sent or queued. */
export class AdminOfflineError extends Error {
  override name = 'AdminOfflineError';

  constructor() {
    super(OFFLINE_MESSAGE);
  }
}

export const OFFLINE_MESSAGE = 'Administration needs a connection. Nothing was changed; try again once you are online.';

/** A sentence for the person about a failed administration request. */
export function describeAdminError(error: unknown): string {
  if (error instanceof AdminRequestError || error instanceof AdminOfflineError) return error.message;
  console.error('Administration request failed:', error);
  return 'Something went wrong. Try again; if it keeps happening, reload the page.';
}

/** The server's field errors keyed by field, the first message of each: what a form shows beside its inputs. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof AdminRequestError ? errorsByField(error.fields) : {};
}

/** Field errors (the server's or the domain's own check) keyed by field, the first message of each. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of errors) byField[field] ??= message;
  return byField;
}
