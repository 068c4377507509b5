import { describe, expect, it } from 'vitest';
import { withTokenCache, type VerifiedIdentity } from '../../../sync-server/auth/token-verifier';

function countingVerifier(expiresAt: number) {
  const calls: string[] = [];
  const verify = async (token: string): Promise<VerifiedIdentity> => {
    calls.push(token);
    if (token === 'bad') throw new Error('refused');
    return { subject: `sub-${token}`, email: null, name: null, emailVerified: false, expiresAt };
  };
  return { calls, verify };
}

describe('withTokenCache', () => {
  it('verifies a token once while it is valid', async () => {
    let now = 1_000_000;
    const { calls, verify } = countingVerifier(2_000);
    const cached = withTokenCache(verify, { maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    await cached('a');
    now += 30_000;
    expect(await cached('a')).toMatchObject({ subject: 'sub-a' });
    expect(calls).toEqual(['a']);
  });

  it('sends a token past its expiry back to the verifier', async () => {
    let now = 1_000_000;
    const { calls, verify } = countingVerifier(1_010);
    const cached = withTokenCache(verify, { maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    await cached('a');
    now = 1_010_000;
    await cached('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('reuses a verdict no longer than its maximum age', async () => {
    let now = 1_000_000;
    const { calls, verify } = countingVerifier(10_000);
    const cached = withTokenCache(verify, { maxEntries: 10, maxAgeMs: 5_000, now: () => now });
    await cached('a');
    now += 5_001;
    await cached('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('never remembers a refusal', async () => {
    const { calls, verify } = countingVerifier(2_000);
    const cached = withTokenCache(verify, { maxEntries: 10, maxAgeMs: 60_000, now: () => 1_000_000 });
    await expect(cached('bad')).rejects.toThrow('refused');
    await expect(cached('bad')).rejects.toThrow('refused');
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('holds at most maxEntries tokens, dropping the oldest', async () => {
    const { calls, verify } = countingVerifier(2_000);
    const cached = withTokenCache(verify, { maxEntries: 2, maxAgeMs: 60_000, now: () => 1_000_000 });
    await cached('a');
    await cached('b');
    await cached('c');
    await cached('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
