import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PushResponse, StreamMessage, SyncDocument } from '../../src/lib/domain/sync-protocol';
import { editRow } from './edits';
import { BenchClient } from './http-client';
import { PUSH_PATH, STREAM_PATH } from './fixtures';
import { percentiles, type Percentiles } from './measure';
import { openStreams } from './stream-client';

export const LIVE_STREAMS = 100;
export const LIVE_ROUNDS = 50;
/** Between one round's last receipt and the next push: separate edits, not a burst. */
const ROUND_GAP_MS = 100;
const RECEIPT_TIMEOUT_MS = 5_000;

export interface LiveFigures {
  /** From sending the push to each stream's receipt of the change, every stream and round. */
  receipt: Percentiles;
  /** The push's own round trip: the part of `receipt` before the commit is known to the client. */
  push: Percentiles;
  /** Receipts expected but not seen within RECEIPT_TIMEOUT_MS. */
  missed: number;
  /** LIVE_STREAMS keep-alive clients each asking GET /api/health at one moment, per round. */
  baseline: Percentiles;
}

/**
 * LIVE_STREAMS streams on one site; one document pushed LIVE_ROUNDS times, each round a new title
 * that every stream must deliver. The clock starts when the push is sent, so each figure includes
 * the push's merge and commit as well as NOTIFY, the feed's read and the fan-out: an upper bound
 * of commit-to-receipt. The baseline is the same server answering LIVE_STREAMS clients at once.
 */
export async function measureLive(options: {
  url: string;
  token: string;
  client: BenchClient;
  document: SyncDocument;
}): Promise<LiveFigures> {
  const { url, token, client } = options;
  const streams = await openStreams({ url, path: STREAM_PATH, token, count: LIVE_STREAMS, parallel: 25 });
  const receipts: number[] = [];
  const pushes: number[] = [];
  let missed = 0;
  try {
    const run = randomBytes(3).toString('hex');
    let stored = options.document;
    for (let round = 1; round <= LIVE_ROUNDS; round++) {
      const title = `Live round ${round}/${run}`;
      const body = JSON.stringify([editRow(stored, () => ({ title }))]);
      const waits = streams.map((stream) => stream.waitFor((text) => text.includes(title), RECEIPT_TIMEOUT_MS));
      const sent = performance.now();
      const answer = JSON.parse(await client.request('POST', PUSH_PATH, body)) as PushResponse;
      pushes.push(performance.now() - sent);
      if (answer.refused.length > 0) throw new Error(`the live push was refused: ${JSON.stringify(answer.refused)}`);
      const frames = await Promise.all(waits);
      for (const frame of frames) {
        if (frame) receipts.push(frame.at - sent);
        else missed++;
      }
      // The next edit builds on the stored version, serverSeq included, as a replica's would.
      const received = frames.find((frame) => frame !== undefined);
      if (!received) throw new Error(`no stream received round ${round}`);
      stored = storedVersion(received.text, stored.id);
      await sleep(ROUND_GAP_MS);
    }
  } finally {
    for (const stream of streams) stream.close();
  }
  return { receipt: percentiles(receipts), push: percentiles(pushes), missed, baseline: await measureHealth(url, token) };
}

function storedVersion(frame: string, id: string): SyncDocument {
  const message = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as StreamMessage;
  const document = message === 'RESYNC' ? undefined : message.documents.find((doc) => doc.id === id);
  if (!document) throw new Error('the stream’s message does not carry the pushed document');
  return document;
}

async function measureHealth(url: string, token: string): Promise<Percentiles> {
  const clients = new BenchClient({ url, token, sockets: LIVE_STREAMS });
  const round = async () => {
    const started = performance.now();
    return Promise.all(
      Array.from({ length: LIVE_STREAMS }, async () => {
        await clients.request('GET', '/api/health');
        return performance.now() - started;
      })
    );
  };
  try {
    // Connections are opened first: a stream is connected before its change arrives too.
    await round();
    const latencies: number[] = [];
    for (let i = 0; i < LIVE_ROUNDS; i++) {
      latencies.push(...(await round()));
      await sleep(ROUND_GAP_MS);
    }
    return percentiles(latencies);
  } finally {
    clients.close();
  }
}
