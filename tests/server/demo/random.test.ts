import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/lib/domain';
import { Random } from '../../../sync-server/demo/random';

const draw = (seed: number, count = 20) => {
  const random = new Random(seed);
  return Array.from({ length: count }, () => random.uint32());
};

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('returns integers covering both ends of the range and nothing outside it', () => {
    const random = new Random(3);
    const values = new Set(Array.from({ length: 2_000 }, () => random.int(-2, 2)));
    expect([...values].sort()).toEqual([-1, -2, 0, 1, 2]);
  });

  it('picks entries in proportion to their weights', () => {
    const random = new Random(4);
    const picks = Array.from({ length: 10_000 }, () => random.weighted([['rare', 1], ['common', 9]] as const));
    const rare = picks.filter((pick) => pick === 'rare').length / picks.length;
    expect(rare).toBeGreaterThan(0.08);
    expect(rare).toBeLessThan(0.12);
  });

  it('shuffles into a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Random(5).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });

  it('makes uuidv7 reproducible through fillRandom', () => {
    const make = () => uuidv7({ timeMs: 1_700_000_000_000, fillRandom: new Random(6).fillRandom });
    expect(make()).toBe(make());
    expect(make()).not.toBe(uuidv7({ timeMs: 1_700_000_000_000, fillRandom: new Random(7).fillRandom }));
  });
});
