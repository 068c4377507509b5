import { InteractionNotFoundError, StorageFullError, ValidationError } from '$lib/db';

/**
 * The one place a failure becomes a sentence for the person. Errors written for people (a full
 * device, a refused write) keep their own message; anything else is logged for developers and
 * described by what was being done.
 */
export function handleError(error: unknown, doing: string): string {
  if (
    error instanceof StorageFullError ||
    error instanceof InteractionNotFoundError ||
    error instanceof ValidationError
  ) {
    return error.message;
  }
  console.error(`Failed while ${doing}:`, error);
  return `Something went wrong while ${doing}. Try again; if it keeps happening, reload the page.`;
}
