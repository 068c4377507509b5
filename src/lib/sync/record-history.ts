import { auth } from '$lib/auth';
import type { RecordHistoryEntry } from '$lib/domain/sync-protocol';

export type { RecordHistoryEntry };

/** The history could not be loaded; `message` is fit to show. */
export class RecordHistoryError extends Error {
  override name = 'RecordHistoryError';
}

// The history is read on demand and never stored on the device: it is the server's record of
// who did what, and a copy here would only go stale.
const REQUEST_TIMEOUT_MS = 15_000;

/** A record's history from the server, oldest first. */
export async function loadRecordHistory(id: string, signal?: AbortSignal): Promise<RecordHistoryEntry[]> {
  let response: Response;
  try {
    const token = await auth.getAccessToken();
    response = await fetch(`/api/interactions/${encodeURIComponent(id)}/history`, {
      headers: { authorization: `Bearer ${token}` },
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RecordHistoryError('The server could not be reached. Try again when the connection is back.');
  }
  if (response.status === 404) throw new RecordHistoryError('The server has no history for this interaction yet: it has not synced.');
  if (!response.ok) throw new RecordHistoryError(`The history could not be loaded (the server answered ${response.status}).`);
  return (await response.json()) as RecordHistoryEntry[];
}
