import { describe, expect, it } from 'vitest';
import { descendingKey, descendingKeyMaxLength, descendingKeyRange } from '$lib/db/descending-key';

// Prefixes, case, an en dash (whose inverted code unit would be a surrogate), emoji, accents.
const VALUES = ['', 'A', 'Ann', 'Anna', 'Annb', 'a', 'b', 'Z', 'Zoë', 'x – y', 'x - y', '🎉 launch', '\uffff', 'ü'];

const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('descendingKey', () => {
  it('orders keys in exactly the reverse order of their values', () => {
    const byKey = [...VALUES].sort((a, b) => ascending(descendingKey(a), descendingKey(b)));
    expect(byKey).toEqual([...VALUES].sort(ascending).reverse());
  });

  it('reverses tuples part by part, so the first part decides before the second', () => {
    const tuples = [
      ['Ann', 'b'],
      ['Ann', 'a'],
      ['Anna', 'a'],
      ['An', 'z']
    ];
    const byKey = [...tuples].sort((a, b) => ascending(descendingKey(...a), descendingKey(...b)));
    expect(byKey).toEqual([
      ['Anna', 'a'],
      ['Ann', 'b'],
      ['Ann', 'a'],
      ['An', 'z']
    ]);
  });

  it('never contains a surrogate, so any storage accepts it', () => {
    const key = descendingKey(...VALUES);
    expect(/[\ud800-\udfff]/.test(key)).toBe(false);
    expect(key.length).toBe(descendingKeyMaxLength(...VALUES.map((value) => value.length)));
  });
});

describe('descendingKeyRange', () => {
  it('selects exactly the values from `from` (inclusive) to `to` (exclusive)', () => {
    const instants = ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'];
    const { $lt, $gt } = descendingKeyRange({ from: instants[0], to: instants[2] });
    const inRange = instants.filter((value) => {
      const key = descendingKey(value, '0190c0de-0000-7000-8000-000000000001');
      return key < $lt! && key > $gt!;
    });
    expect(inRange).toEqual(instants.slice(0, 2));
  });
});
