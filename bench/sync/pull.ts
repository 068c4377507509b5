import type { PullResponse, SyncDocument } from '../../src/lib/domain/sync-protocol';
import type { BenchClient } from './http-client';
import { BASELINE_PULL_PATH, PULL_PATH } from './fixtures';
import { timeWorkers, type Throughput } from './measure';

/** Concurrent clients catching up at once, e.g. a team opening the app after a day offline. */
export const PULLERS = 4;
export const PULL_LIMIT = 1_000;

export interface PullFigures {
  pull: Throughput;
  baseline: Throughput;
}

/**
 * Pages through the whole site once, parsing every page as the app would: the warm-up of the
 * pull, and the documents the push and live scenarios edit.
 */
export async function collectSite(client: BenchClient): Promise<SyncDocument[]> {
  const documents: SyncDocument[] = [];
  let checkpoint = '';
  for (;;) {
    const page = JSON.parse(await client.request('GET', pullPath(checkpoint))) as PullResponse;
    documents.push(...page.documents);
    if (page.documents.length < PULL_LIMIT || !page.checkpoint) return documents;
    checkpoint = page.checkpoint;
  }
}

/**
 * PULLERS clients each page through the whole site from the start, then PULLERS clients make as
 * many requests in all of the baseline (the first page from memory). The load generator counts documents
 * and reads the checkpoint from the end of each body instead of parsing megabytes of JSON: on two
 * cores, parsing would measure this process rather than the server.
 */
export async function measurePull(client: BenchClient): Promise<PullFigures> {
  // One cursor per worker: each is one client paging in order.
  const cursors = Array.from({ length: PULLERS }, () => ({ checkpoint: '', done: false }));
  const pull = await timeWorkers({
    workers: PULLERS,
    step: async (worker) => {
      const cursor = cursors[worker];
      if (cursor.done) return undefined;
      const body = await client.request('GET', pullPath(cursor.checkpoint));
      const count = countDocuments(body);
      cursor.checkpoint = readCheckpoint(body) ?? cursor.checkpoint;
      cursor.done = count < PULL_LIMIT;
      return count;
    }
  });

  await client.request('GET', `${BASELINE_PULL_PATH}?limit=${PULL_LIMIT}`);
  let baselineLeft = pull.requests;
  const baseline = await timeWorkers({
    workers: PULLERS,
    step: async () =>
      baselineLeft-- > 0 ? countDocuments(await client.request('GET', `${BASELINE_PULL_PATH}?limit=${PULL_LIMIT}`)) : undefined
  });
  return { pull, baseline };
}

function pullPath(checkpoint: string): string {
  return `${PULL_PATH}?limit=${PULL_LIMIT}${checkpoint ? `&checkpoint=${encodeURIComponent(checkpoint)}` : ''}`;
}

const SEQ_KEY = '"serverSeq":';

function countDocuments(body: string): number {
  let count = 0;
  for (let at = body.indexOf(SEQ_KEY); at !== -1; at = body.indexOf(SEQ_KEY, at + SEQ_KEY.length)) count++;
  return count;
}

// The response ends `…],"checkpoint":"<xid>:<uuid>"}` (or null): the serializer writes the
// properties in schema order, and `remaining` is not asked for.
const CHECKPOINT_AT_END = /"checkpoint":"([^"]+)"\}$/;

function readCheckpoint(body: string): string | undefined {
  return CHECKPOINT_AT_END.exec(body.slice(-200))?.[1];
}
