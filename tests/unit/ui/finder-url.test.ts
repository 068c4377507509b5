import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLUMN_SORT,
  clearFilters,
  hasActiveFilters,
  parseFinderUrl,
  serialiseFinderUrl,
  toggleSort,
  withHighlight,
  type FinderUrlState
} from '$lib/ui/finder-url';
import { finderFilters } from '$lib/ui/finder-filters';

const parse = (search: string) => parseFinderUrl(new URLSearchParams(search));

const EMPTY: FinderUrlState = {
  site: null,
  type: '',
  lead: '',
  from: '',
  to: '',
  q: '',
  mode: 'hybrid',
  sort: DEFAULT_COLUMN_SORT,
  highlight: null
};

describe('parseFinderUrl', () => {
  it('reads an empty query as no filters, newest first', () => {
    expect(parse('')).toEqual(EMPTY);
  });

  it('reads every filter, the search and the sort', () => {
    expect(parse('?site=s1&type=Call&lead=Ada+L&from=2026-03-01&to=2026-03-31&q=budget+plan&sort=title&dir=desc')).toEqual({
      site: 's1',
      type: 'Call',
      lead: 'Ada L',
      from: '2026-03-01',
      to: '2026-03-31',
      q: 'budget plan',
      mode: 'hybrid',
      sort: { column: 'title', descending: true },
      highlight: null
    });
  });

  it("gives a sorted column its natural first direction when the URL has none", () => {
    expect(parse('?sort=lead').sort).toEqual({ column: 'lead', descending: false });
    expect(parse('?sort=start').sort).toEqual({ column: 'start', descending: true });
  });

  it('falls back to defaults for unknown columns, directions and impossible days', () => {
    const state = parse('?sort=password&from=2026-02-30&to=yesterday');
    expect(state.sort).toEqual(DEFAULT_COLUMN_SORT);
    expect(state.from).toBe('');
    expect(state.to).toBe('');
    expect(parse('?sort=title&dir=sideways').sort).toEqual({ column: 'title', descending: false });
  });
});

describe('serialiseFinderUrl', () => {
  it('writes nothing for the default view', () => {
    expect(serialiseFinderUrl(EMPTY)).toBe('');
  });

  it('round-trips every field through the URL', () => {
    const state: FinderUrlState = {
      site: '0190c0de-0000-7000-8000-000000000001',
      type: 'Site visit',
      lead: 'Zoë & Co',
      from: '2026-03-01',
      to: '2026-03-31',
      q: 'a+b = c?',
      mode: 'semantic',
      sort: { column: 'location', descending: true },
      highlight: 'abc'
    };
    expect(parse(serialiseFinderUrl(state))).toEqual(state);
  });

  it('writes the sort only when it differs from the default', () => {
    expect(serialiseFinderUrl({ ...EMPTY, sort: { column: 'start', descending: false } })).toBe('?sort=start&dir=asc');
  });
});

describe('filter helpers', () => {
  it('tells filtered views from the full list; whitespace alone is no search', () => {
    expect(hasActiveFilters(EMPTY)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY, q: '   ' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY, lead: 'Ada' })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY, site: 's1' })).toBe(true);
  });

  it('clears filters but keeps the sort', () => {
    const sorted = { ...EMPTY, type: 'Call', q: 'x', sort: { column: 'title' as const, descending: false } };
    expect(clearFilters(sorted)).toEqual({ ...EMPTY, sort: sorted.sort });
  });

  it('toggles the direction of the sorted column and starts a new column in its first direction', () => {
    expect(toggleSort(DEFAULT_COLUMN_SORT, 'start')).toEqual({ column: 'start', descending: false });
    expect(toggleSort(DEFAULT_COLUMN_SORT, 'title')).toEqual({ column: 'title', descending: false });
    expect(toggleSort({ column: 'title', descending: false }, 'title')).toEqual({ column: 'title', descending: true });
  });

  it('adds a highlight to a remembered search and keeps its filters', () => {
    expect(withHighlight('?type=Call', 'id1')).toBe('?type=Call&highlight=id1');
    expect(withHighlight('', 'id1')).toBe('?highlight=id1');
  });
});

describe('finderFilters', () => {
  it('passes type and lead, leaves the search text to the search, and leaves out what is empty', () => {
    expect(finderFilters({ ...EMPTY, type: 'Call', lead: 'Ada', q: '  budget ' }, 'UTC')).toEqual({
      type: 'Call',
      lead: 'Ada'
    });
    expect(finderFilters(EMPTY, 'UTC')).toEqual({});
  });

  it("reads the days in the viewer's zone, the last day included in full", () => {
    expect(finderFilters({ ...EMPTY, from: '2026-07-01', to: '2026-07-31' }, 'Europe/London')).toEqual({
      from: '2026-07-01T00:00:00+01:00',
      to: '2026-08-01T00:00:00+01:00'
    });
    expect(finderFilters({ ...EMPTY, to: '2026-03-28' }, 'Europe/London').to).toBe('2026-03-29T00:00:00+00:00');
  });
});
