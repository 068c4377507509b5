import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { STREAM_PATH } from './fixtures';
import { openStreams } from './stream-client';

export const IDLE_STREAMS = 1_000;
const SETTLE_MS = 1_000;
const SAMPLES = 3;

export interface IdleFigures {
  /** Resident memory of the server process, in bytes. */
  rssBefore: number;
  rssAfter: number;
  /** Streams still open when the last sample was taken. */
  open: number;
}

/**
 * IDLE_STREAMS streams on one site from this process, each open once the feed sent its 'RESYNC';
 * the server's resident memory (VmRSS) before and after, the largest of a few samples a second
 * apart, so a garbage collection between samples does not flatter the figure. Meant for an instance
 * that has done nothing else: one that served pulls holds a heap V8 returns when it pleases, and
 * its figures would move by more than the streams take.
 */
export async function measureIdle(options: { url: string; token: string; pid: number }): Promise<IdleFigures> {
  await checkDescriptorLimit();
  await sleep(SETTLE_MS);
  const rssBefore = await sampleRss(options.pid);
  const streams = await openStreams({ ...options, path: STREAM_PATH, count: IDLE_STREAMS, parallel: 50 });
  try {
    const rssAfter = await sampleRss(options.pid);
    return { rssBefore, rssAfter, open: streams.filter((stream) => !stream.closed).length };
  } finally {
    for (const stream of streams) stream.close();
  }
}

/** The largest VmRSS of `pid` over a few samples a second apart, in bytes. */
export async function sampleRss(pid: number): Promise<number> {
  let most = 0;
  for (let i = 0; i < SAMPLES; i++) {
    await sleep(SETTLE_MS);
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
    if (!Number.isFinite(kilobytes)) throw new Error(`no VmRSS in /proc/${pid}/status`);
    most = Math.max(most, kilobytes * 1024);
  }
  return most;
}

/** Each stream is a descriptor here and one in the server (same limit, inherited): fail early, and say so. */
async function checkDescriptorLimit(): Promise<void> {
  const limits = await readFile('/proc/self/limits', 'utf8').catch(() => '');
  const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
  const needed = IDLE_STREAMS + 200;
  if (Number.isFinite(soft) && soft < needed) {
    throw new Error(`1,000 streams need about ${needed} open files per process; the limit is ${soft} (raise it with ulimit -n)`);
  }
}
