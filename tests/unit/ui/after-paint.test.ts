import { describe, expect, it } from 'vitest';
import { afterPaint } from '$lib/ui/after-paint';

// Node has no animation frames, which is also what a hidden tab looks like: the fallback must run.
describe('afterPaint', () => {
  it('runs once even when no frame comes', async () => {
    let runs = 0;
    afterPaint(() => runs++);
    expect(runs).toBe(0);
    await expect.poll(() => runs).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(runs).toBe(1);
  });

  it('never runs once cancelled', async () => {
    let ran = false;
    const cancel = afterPaint(() => (ran = true));
    cancel();
    let later = false;
    afterPaint(() => (later = true));
    await expect.poll(() => later).toBe(true);
    expect(ran).toBe(false);
  });
});
