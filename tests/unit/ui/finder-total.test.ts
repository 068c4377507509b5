import { describe, expect, it } from 'vitest';
import { finderTotal } from '$lib/ui/finder-total';

const first = { offset: 0, limit: 150 };

describe('finderTotal', () => {
  it('shows the count once it is known, whatever the rows read', () => {
    expect(finderTotal({ count: 9_812, previousCount: 10_000, window: first, rowsRead: 150 })).toEqual({ value: 9_812, estimate: null });
    expect(finderTotal({ count: 0, previousCount: null, window: first, rowsRead: 0 })).toEqual({ value: 0, estimate: null });
  });

  it('takes a window that came back short as the end of the list, an exact total', () => {
    expect(finderTotal({ count: null, previousCount: 500, window: first, rowsRead: 37 })).toEqual({ value: 37, estimate: null });
    expect(finderTotal({ count: null, previousCount: null, window: first, rowsRead: 0 })).toEqual({ value: 0, estimate: null });
    expect(finderTotal({ count: null, previousCount: null, window: { offset: 300, limit: 150 }, rowsRead: 20 })).toEqual({
      value: 320,
      estimate: null
    });
  });

  it('says nothing exact of an empty window past the start', () => {
    expect(finderTotal({ count: null, previousCount: 1_000, window: { offset: 300, limit: 150 }, rowsRead: 0 })).toEqual({
      value: 1_000,
      estimate: 'previous'
    });
    expect(finderTotal({ count: null, previousCount: null, window: { offset: 300, limit: 150 }, rowsRead: 0 })).toEqual({
      value: 300,
      estimate: 'partial'
    });
  });

  it('shows the last count of the same filters while a full window waits for its count', () => {
    expect(finderTotal({ count: null, previousCount: 10_000, window: first, rowsRead: 150 })).toEqual({ value: 10_000, estimate: 'previous' });
  });

  it('falls back to the rows read when there is no earlier count, or it is below them', () => {
    expect(finderTotal({ count: null, previousCount: null, window: first, rowsRead: 150 })).toEqual({ value: 150, estimate: 'partial' });
    expect(finderTotal({ count: null, previousCount: 90, window: first, rowsRead: 150 })).toEqual({ value: 150, estimate: 'partial' });
  });
});
