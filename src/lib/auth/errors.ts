/** There is no usable session with the server: the user must sign in (again) before syncing. */
export class SignInRequiredError extends Error {
  override name = 'SignInRequiredError';

  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/** Removing local data was refused: `count` changes would be lost that the user was not warned about. */
export class UnsyncedChangesError extends Error {
  override name = 'UnsyncedChangesError';

  constructor(readonly count: number) {
    super(unsyncedWarning(count));
  }
}

/** The server answered with its error envelope; `message` is written for people. */
export class AuthRequestError extends Error {
  override name = 'AuthRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** The sentence shown before unsynced changes can be removed. */
export function unsyncedWarning(count: number): string {
  return count === 1
    ? '1 change has not been synced yet and will be lost.'
    : `${count} changes have not been synced yet and will be lost.`;
}

/** A sentence for the user about a failed sign-in or sign-out. */
export function describeAuthError(error: unknown): string {
  // fetch fails with a TypeError, a timeout with a DOMException: the network, not the user.
  if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) {
    return 'The server could not be reached. Check the connection and try again.';
  }
  return error instanceof Error ? error.message : String(error);
}
