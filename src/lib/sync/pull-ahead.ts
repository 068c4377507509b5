import type { PullResponse, SyncCheckpoint } from './protocol';

export type PullBatch = (checkpoint: SyncCheckpoint | null, limit: number, withRemaining: boolean) => Promise<PullResponse>;

/**
 * Fetches the next batch while the last one is being stored. RxDB asks for a batch only once it
 * has written the previous one, so on a catch-up of many batches the server's time and the
 * device's writing would add up; with this they overlap. A batch is fetched ahead only after a
 * full one (more is likely waiting) and used only when RxDB asks for exactly that checkpoint.
 * A batch fetched ahead that fails fails the request it was fetched for, which RxDB retries.
 */
export function pullAhead(pull: PullBatch): PullBatch {
  let ahead: { checkpoint: SyncCheckpoint; limit: number; response: Promise<PullResponse> } | undefined;

  return async (checkpoint, limit, withRemaining) => {
    const fetched = ahead?.checkpoint === checkpoint && ahead.limit === limit && !withRemaining ? ahead.response : undefined;
    ahead = undefined;
    const result = await (fetched ?? pull(checkpoint, limit, withRemaining));
    if (result.documents.length === limit && result.checkpoint !== null) {
      const response = pull(result.checkpoint, limit, false);
      // Unused, its failure must not be reported as unhandled; used, the caller sees it.
      response.catch(() => {});
      ahead = { checkpoint: result.checkpoint, limit, response };
    }
    return result;
  };
}
