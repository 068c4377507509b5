import { describe, expect, it, vi } from 'vitest';
import { SignInGate } from '$lib/sync/sign-in-gate';
import { SyncAuthError } from '$lib/sync/sync-api';

function hooks() {
  return {
    succeeded: vi.fn(),
    failed: vi.fn((error: unknown): never => {
      throw error;
    }),
    signInRequired: vi.fn()
  };
}

describe('SignInGate', () => {
  it('holds a refused request until the next sign-in, then sends it again', async () => {
    const gate = new SignInGate();
    const calls = hooks();
    const request = vi.fn().mockRejectedValueOnce(new SyncAuthError('expired')).mockResolvedValueOnce('sent');

    const result = gate.run(request, calls);
    await vi.waitFor(() => expect(calls.signInRequired).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledTimes(1);

    expect(gate.signedIn()).toBe(true);
    await expect(result).resolves.toBe('sent');
    expect(request).toHaveBeenCalledTimes(2);
    expect(calls.succeeded).toHaveBeenCalledTimes(1);
  });

  it('tries again at once when a sign-in came while the refused request was under way', async () => {
    const gate = new SignInGate();
    const calls = hooks();
    let refuse: (error: Error) => void = () => {};
    const request = vi
      .fn()
      .mockImplementationOnce(() => new Promise((_, reject) => (refuse = reject)))
      .mockResolvedValueOnce('sent');

    const result = gate.run(request, calls);
    expect(gate.signedIn()).toBe(false);
    refuse(new SyncAuthError('sent with the old token'));

    await expect(result).resolves.toBe('sent');
    expect(calls.signInRequired).not.toHaveBeenCalled();
  });

  it('hands every other failure to the failed hook', async () => {
    const gate = new SignInGate();
    const calls = hooks();
    const offline = new TypeError('Failed to fetch');

    await expect(gate.run(() => Promise.reject(offline), calls)).rejects.toBe(offline);
    expect(calls.failed).toHaveBeenCalledWith(offline);
    expect(calls.signInRequired).not.toHaveBeenCalled();
  });
});
