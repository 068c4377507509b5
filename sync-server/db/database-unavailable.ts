/**
 * The database could not be reached for this statement: it is restarting, failing over, or the
 * connection was cut. An outage to wait out, not a bug: the API answers 503 with Retry-After.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';

  constructor(readonly cause: unknown) {
    super('The database cannot be reached right now.');
  }
}

// Socket errors from the driver while connecting or mid-query.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATEs of a server going away or not taking connections: class 08 (connection exception),
// 57P01–57P03 (shut down by an administrator, crashed, starting up), 53300 (too many connections).
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
// The driver's own words when the connection ends under it (these errors carry no code).
const LOST_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|not queryable/i;

/** Whether an error from the driver means the database is out of reach rather than the statement wrong. */
export function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08');
  return typeof message === 'string' && LOST_CONNECTION.test(message);
}

/** Rethrows a connection failure as a DatabaseUnavailableError, anything else as it is. */
export function asUnavailable(error: unknown): unknown {
  return isConnectionFailure(error) ? new DatabaseUnavailableError(error) : error;
}
