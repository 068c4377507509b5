import type { AuthEnvironment } from './environment';
import { readErrorEnvelope } from '$lib/error-envelope';
import { AuthRequestError, SignInRequiredError } from './errors';

// Long enough for a slow mobile link, short enough that a dead one does not leave the start hanging.
const REQUEST_TIMEOUT_MS = 10_000;

/** A JSON request to the sync server; failures become typed errors carrying the server's message. */
export async function requestJson<T>(env: AuthEnvironment, path: string, init: RequestInit = {}): Promise<T> {
  const response = await env.fetch(path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (response.ok) return (await response.json()) as T;

  const { code, message } = await readErrorEnvelope(response);
  if (response.status === 401) throw new SignInRequiredError(message);
  throw new AuthRequestError(response.status, code, message);
}
