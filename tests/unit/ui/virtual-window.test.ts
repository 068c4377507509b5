import { describe, expect, it } from 'vitest';
import { OVERSCAN, keyedRows, renderedRows, rowsPerPage, scrollTopFor, visibleRange } from '../../../src/routes/virtual-window';

describe('visibleRange', () => {
  it('covers the rows on screen and the overscan either side', () => {
    // Rows 100–119 fill an 880 px screen of 44 px rows scrolled 4,400 px down.
    expect(visibleRange({ scrolled: 4400, viewportHeight: 880, rowHeight: 44, total: 1000 })).toEqual({
      first: 100 - OVERSCAN,
      last: 120 + OVERSCAN
    });
  });

  it('starts at the first row while the list begins below the top of the screen', () => {
    expect(visibleRange({ scrolled: -300, viewportHeight: 800, rowHeight: 44, total: 1000 })).toEqual({
      first: 0,
      last: Math.ceil(500 / 44) + OVERSCAN
    });
  });

  it('stops at the last row, and is empty for an empty list', () => {
    expect(visibleRange({ scrolled: 0, viewportHeight: 800, rowHeight: 44, total: 5 })).toEqual({ first: 0, last: 4 });
    const empty = visibleRange({ scrolled: 0, viewportHeight: 800, rowHeight: 44, total: 0 });
    expect(empty.last).toBeLessThan(empty.first);
  });
});

describe('renderedRows', () => {
  it('renders the range in order', () => {
    expect(renderedRows({ first: 3, last: 6 }, 4, 100)).toEqual([3, 4, 5, 6]);
  });

  it('adds the active row when it lies outside the range, so focus stays on it', () => {
    expect(renderedRows({ first: 3, last: 5 }, 50, 100)).toEqual([3, 4, 5, 50]);
  });

  it('leaves out an active row past the end of the list', () => {
    expect(renderedRows({ first: 0, last: 2 }, 7, 3)).toEqual([0, 1, 2]);
  });
});

describe('keyedRows', () => {
  it('keys loaded rows by their record and rows still loading by their position', () => {
    const ids = new Map([
      [0, 'a'],
      [2, 'c']
    ]);
    expect(keyedRows([0, 1, 2], (index) => ids.get(index))).toEqual([
      { index: 0, key: 'a' },
      { index: 1, key: '#1' },
      { index: 2, key: 'c' }
    ]);
  });

  it('keys a record seen at two positions by position the second time, so keys stay unique', () => {
    expect(keyedRows([4, 5], () => 'same')).toEqual([
      { index: 4, key: 'same' },
      { index: 5, key: '#5' }
    ]);
  });
});

describe('scrollTopFor', () => {
  const view = { rowHeight: 44, scrollY: 1000, viewportHeight: 800, covered: 50 };

  it('does not scroll for a row already in view', () => {
    expect(scrollTopFor({ ...view, rowTop: 1200, align: 'nearest' })).toBeNull();
  });

  it('scrolls a row above the screen down to just below the sticky header', () => {
    expect(scrollTopFor({ ...view, rowTop: 1020, align: 'nearest' })).toBe(970);
  });

  it('scrolls a row below the screen up until its bottom edge shows', () => {
    expect(scrollTopFor({ ...view, rowTop: 2000, align: 'nearest' })).toBe(2000 + 44 - 800);
  });

  it('centres the row when asked, even one in view', () => {
    expect(scrollTopFor({ ...view, rowTop: 1200, align: 'center' })).toBe(1200 - (800 - 44) / 2);
  });
});

describe('rowsPerPage', () => {
  it('moves a screen less one row, and at least one row', () => {
    expect(rowsPerPage(880, 44)).toBe(19);
    expect(rowsPerPage(100, 118)).toBe(1);
  });
});
