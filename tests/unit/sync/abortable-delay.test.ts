import { describe, expect, it, vi } from 'vitest';
import { abortableDelay } from '$lib/sync/live-event-stream';

describe('abortableDelay', () => {
  it('resolves after the time and removes its abort listener', async () => {
    const signal = new AbortController().signal;
    const remove = vi.spyOn(signal, 'removeEventListener');
    const add = vi.spyOn(signal, 'addEventListener');

    await abortableDelay(1, signal);

    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0][1]);
  });

  it('resolves at once when aborted, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const waiting = abortableDelay(60_000, controller.signal);
      controller.abort();
      await waiting;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('adds no listener to a signal that has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    await abortableDelay(60_000, controller.signal);
    expect(add).not.toHaveBeenCalled();
  });
});
