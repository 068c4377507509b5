import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DebouncedSaver } from '$lib/collab/debounced-saver';

describe('DebouncedSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes a burst of changes once, after the pause', async () => {
    const save = vi.fn(async () => {});
    const saver = new DebouncedSaver({ save, delayMs: 100, onError: () => {} });
    for (let index = 0; index < 5; index++) saver.schedule();
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.pending).toBe(false);
  });

  it('writes at once on flush, and never two writes at the same time', async () => {
    let running = 0;
    let most = 0;
    const save = vi.fn(async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running--;
    });
    const saver = new DebouncedSaver({ save, delayMs: 1_000, onError: () => {} });
    saver.schedule();
    const first = saver.flush();
    saver.schedule();
    const second = saver.flush();
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all([first, second]);
    expect(save).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('reports a failed write and keeps the change for the next try', async () => {
    const onError = vi.fn();
    const save = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined);
    const saver = new DebouncedSaver({ save, delayMs: 10, onError });
    saver.schedule();
    await saver.flush();
    expect(onError).toHaveBeenCalledWith(new Error('disk full'));
    expect(saver.pending).toBe(true);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.pending).toBe(false);
  });
});
