import { SEARCH_MODES, type SearchMode } from '$lib/search/search-modes';

/**
 * The Finder's state as it lives in the URL query string, so a view is bookmarkable and survives a
 * reload. Parsing never fails: a hand-edited or outdated parameter falls back to its default.
 */

export const FINDER_COLUMNS = ['title', 'type', 'lead', 'start', 'location', 'site'] as const;
export type FinderColumn = (typeof FINDER_COLUMNS)[number];

export interface FinderColumnSort {
  column: FinderColumn;
  descending: boolean;
}

export interface FinderUrlState {
  /** One site's id, or null for all the user's sites. */
  site: string | null;
  type: string;
  lead: string;
  /** First day, `YYYY-MM-DD`, or ''. */
  from: string;
  /** Last day, inclusive, `YYYY-MM-DD`, or ''. */
  to: string;
  /** The search box's text. */
  q: string;
  /** How the search ranks: words and meaning together (the default), words only, meaning only. */
  mode: SearchMode;
  sort: FinderColumnSort;
  /** An interaction to scroll to and highlight once, e.g. the one just saved. */
  highlight: string | null;
}

export const DEFAULT_COLUMN_SORT: FinderColumnSort = { column: 'start', descending: true };

/** Newest first is what a person wants from dates; A to Z from words. */
export function firstSortDirection(column: FinderColumn): boolean {
  return column === 'start';
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a `YYYY-MM-DD` that names a real calendar day. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseFinderUrl(params: URLSearchParams): FinderUrlState {
  const text = (name: string) => params.get(name) ?? '';
  const day = (name: string) => (isDay(text(name)) ? text(name) : '');
  const column = text('sort') as FinderColumn;
  const sort = FINDER_COLUMNS.includes(column)
    ? {
        column,
        descending: ['asc', 'desc'].includes(text('dir')) ? text('dir') === 'desc' : firstSortDirection(column)
      }
    : DEFAULT_COLUMN_SORT;
  return {
    site: text('site') || null,
    type: text('type'),
    lead: text('lead'),
    from: day('from'),
    to: day('to'),
    q: text('q'),
    mode: SEARCH_MODES.includes(text('mode') as SearchMode) ? (text('mode') as SearchMode) : 'hybrid',
    sort,
    highlight: text('highlight') || null
  };
}

/** The query string for a state, `?…` or '' — defaults are left out so URLs stay short. */
export function serialiseFinderUrl(state: FinderUrlState): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | null) => {
    if (value) params.set(name, value);
  };
  set('site', state.site);
  set('type', state.type);
  set('lead', state.lead);
  set('from', state.from);
  set('to', state.to);
  set('q', state.q);
  if (state.mode !== 'hybrid') params.set('mode', state.mode);
  const { column, descending } = state.sort;
  if (column !== DEFAULT_COLUMN_SORT.column || descending !== DEFAULT_COLUMN_SORT.descending) {
    params.set('sort', column);
    params.set('dir', descending ? 'desc' : 'asc');
  }
  set('highlight', state.highlight);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Whether any filter narrows the rows: what tells "no matches" from "nothing yet". */
export function hasActiveFilters(state: FinderUrlState): boolean {
  return Boolean(state.site || state.type || state.lead || state.from || state.to || state.q.trim());
}

/** The state with every filter and the search cleared; the sort stays. */
export function clearFilters(state: FinderUrlState): FinderUrlState {
  return { ...state, site: null, type: '', lead: '', from: '', to: '', q: '', highlight: null };
}

/** The sort after a click on a column's header: the other direction, or a new column's first. */
export function toggleSort(current: FinderColumnSort, column: FinderColumn): FinderColumnSort {
  return current.column === column
    ? { column, descending: !current.descending }
    : { column, descending: firstSortDirection(column) };
}

/** A Finder search string (`?…` or '') with `highlight` set to the id, other parameters kept. */
export function withHighlight(search: string, id: string): string {
  return serialiseFinderUrl({ ...parseFinderUrl(new URLSearchParams(search)), highlight: id });
}
