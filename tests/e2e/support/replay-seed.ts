import { test } from '@playwright/test';
import { createRandom, type Random } from '../../server/collab/fuzz-random';

/**
 * A seeded generator for one test, replayable: FAULT_SEED=<n> gives the run that printed it. The
 * seed is printed at the start and kept as an annotation, so a failure always says how to replay.
 */
export function replayableRandom(): { seed: number; random: Random } {
  const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`FAULT_SEED must be an integer, not “${process.env.FAULT_SEED}”`);
  test.info().annotations.push({ type: 'seed', description: `replay with FAULT_SEED=${seed}` });
  console.log(`${test.info().title}: seed ${seed} (replay with FAULT_SEED=${seed})`);
  return { seed, random: createRandom(seed) };
}
