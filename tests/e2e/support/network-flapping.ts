import type { BrowserContext } from '@playwright/test';
import type { Random } from '../../server/collab/fuzz-random';

export interface FlappingOptions {
  random: Random;
  /** When to stop, as a `Date.now()` time. */
  until: number;
  /** Each state lasts between these many milliseconds, drawn from `random`. */
  minMs: number;
  maxMs: number;
}

/**
 * Takes the context offline and back on at random intervals until the given time, then leaves it
 * online. Resolves with how many times the connection changed. The waits are the schedule itself:
 * what is tested is what happens while it runs.
 */
export async function flapNetwork(context: BrowserContext, options: FlappingOptions): Promise<number> {
  let offline = false;
  let changes = 0;
  while (Date.now() < options.until) {
    const hold = options.minMs + options.random.int(options.maxMs - options.minMs + 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(hold, Math.max(0, options.until - Date.now()))));
    offline = !offline;
    await context.setOffline(offline);
    changes++;
  }
  if (offline) {
    await context.setOffline(false);
    changes++;
  }
  return changes;
}
