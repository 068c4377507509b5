/** The device refused to store more offline data. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';

  constructor(options?: { cause?: unknown }) {
    super(
      "This device is out of storage space for offline data; free some space or remove a site's offline copy in Settings.",
      options
    );
  }
}

// Firefox reported quota errors under its own name before it adopted the standard one.
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
// Deep enough for IndexedDB -> Dexie -> RxDB wrapping; bounded because error graphs can be cyclic.
const MAX_DEPTH = 6;

/**
 * True when the error is, or wraps, a storage quota error. Dexie keeps the browser's error as
 * `inner`, RxDB keeps storage errors in `parameters`, and standard wrappers use `cause`.
 */
export function isQuotaExceededError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const candidate = error as Record<string, unknown>;
  if (typeof candidate.name === 'string' && QUOTA_ERROR_NAMES.has(candidate.name)) return true;
  const parameters = candidate.parameters as Record<string, unknown> | undefined;
  const nested = [candidate.inner, candidate.cause, candidate.error, parameters?.error, parameters?.errors];
  return nested
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .some((value) => isQuotaExceededError(value, depth + 1));
}

/** Runs a write, turning a quota failure anywhere inside it into a `StorageFullError`. */
export async function failOnFullStorage<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaExceededError(error)) throw new StorageFullError({ cause: error });
    throw error;
  }
}
