import type { FieldError } from '$lib/domain';

/** A write refused by the domain's rules; `errors` says which field is wrong and why. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';

  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => error.message).join(' ') || 'The interaction is not valid.');
  }
}

/** The interaction is not in this site's local database, or has been deleted. */
export class InteractionNotFoundError extends Error {
  override readonly name = 'InteractionNotFoundError';

  constructor(
    readonly siteId: string,
    readonly interactionId: string
  ) {
    super('This interaction does not exist on this device, or it has been deleted.');
  }
}
