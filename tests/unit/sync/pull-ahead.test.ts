import { describe, expect, it } from 'vitest';
import type { PullResponse } from '$lib/sync/protocol';
import { pullAhead } from '$lib/sync/pull-ahead';

/** A server of `total` documents, numbered; checkpoints are the last number sent. */
function fakeServer(total: number, failAt?: string) {
  const requests: (string | null)[] = [];
  const pull = async (checkpoint: string | null, limit: number): Promise<PullResponse> => {
    requests.push(checkpoint);
    if (checkpoint === failAt) throw new Error('connection lost');
    const from = checkpoint === null ? 0 : Number(checkpoint);
    const count = Math.max(0, Math.min(limit, total - from));
    const documents = Array.from({ length: count }, (_, i) => ({ id: String(from + i + 1) }));
    return { documents, checkpoint: count ? String(from + count) : checkpoint } as unknown as PullResponse;
  };
  return { pull, requests };
}

describe('pulling ahead', () => {
  it('fetches the batch after a full one before it is asked for, once', async () => {
    const server = fakeServer(25);
    const pull = pullAhead(server.pull);
    const first = await pull(null, 10, true);
    expect(first.documents).toHaveLength(10);
    expect(server.requests).toEqual([null, '10']);

    const second = await pull('10', 10, false);
    expect(second.documents.map((document) => document.id)).toEqual(['11', '12', '13', '14', '15', '16', '17', '18', '19', '20']);
    expect(server.requests).toEqual([null, '10', '20']);

    const last = await pull('20', 10, false);
    expect(last.documents).toHaveLength(5);
    // A short batch means the site is caught up: nothing more is fetched.
    expect(server.requests).toEqual([null, '10', '20']);
  });

  it('asks the server again for any other checkpoint', async () => {
    const server = fakeServer(30);
    const pull = pullAhead(server.pull);
    await pull(null, 10, false);
    const other = await pull('5', 10, false);
    expect(other.documents[0].id).toBe('6');
    expect(server.requests).toEqual([null, '10', '5', '15']);
  });

  it('fails the request a failed batch was fetched for, and the retry goes to the server', async () => {
    const server = fakeServer(30, '10');
    const pull = pullAhead(server.pull);
    await pull(null, 10, false);
    await expect(pull('10', 10, false)).rejects.toThrow('connection lost');
    await expect(pull('10', 10, false)).rejects.toThrow('connection lost');
    expect(server.requests).toEqual([null, '10', '10']);
  });
});
