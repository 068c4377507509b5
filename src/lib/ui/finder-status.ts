import type { SearchMode } from '$lib/search/search-modes';
import type { FinderTotalEstimate } from './finder-total';
import type { FinderUrlState } from './finder-url';
import { countLabel } from './time-display';

/** A From day after the To day: no record can fall in both, and the Finder says so instead of "No matches". */
export function datesReversed(state: Pick<FinderUrlState, 'from' | 'to'>): boolean {
  // `YYYY-MM-DD` strings order as the days they name.
  return state.from !== '' && state.to !== '' && state.from > state.to;
}

/** A filter's `YYYY-MM-DD` as a person reads it ("3 Mar 2021"): the day itself, in no zone. */
export function formatFilterDay(day: string, locale?: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export interface FinderStatusInput {
  /** Rows the list holds; null until its first answer. */
  total: number | null;
  /** Set while `total` is an estimate, before the list's count is known. */
  estimate?: FinderTotalEstimate | null;
  /** The search shown, or null when the list is the plain Finder. */
  search: { text: string; mode: SearchMode; orderedByColumn: boolean } | null;
  filtered: boolean;
  datesReversed: boolean;
  /** The first sync is still bringing this device the records of a shown site. */
  receiving: boolean;
}

// How each ranking orders results, said only when that ranking is the one in use.
const RANKING_NOTE: Record<SearchMode, string> = {
  hybrid: ', best match first',
  keyword: ', most matching words first',
  semantic: ', closest in meaning first'
};

/** Why the list is empty, for the message in its place; null when it is not. */
export type FinderEmptyReason = 'receiving' | 'dates-reversed' | 'no-matches' | 'none-yet';

export function finderEmptyReason(input: FinderStatusInput): FinderEmptyReason | null {
  if (input.total !== 0) return null;
  if (input.datesReversed) return 'dates-reversed';
  if (input.filtered || input.search) return 'no-matches';
  // An empty list during a first sync means "not here yet", not "none exist".
  return input.receiving ? 'receiving' : 'none-yet';
}

/** The line above the list: how many rows, of what, in which order. */
export function finderCountText(input: FinderStatusInput): string {
  const { total, search } = input;
  if (total === null) return search ? 'Searching…' : 'Loading interactions…';
  const reason = finderEmptyReason(input);
  if (reason === 'dates-reversed') return 'No matches: the From date is after the To date';
  if (reason === 'receiving') return 'Receiving interactions…';
  if (search) {
    return `${countLabel(total, 'result')} for “${search.text}”${search.orderedByColumn ? '' : RANKING_NOTE[search.mode]}`;
  }
  if (input.estimate === 'partial') return 'Counting interactions…';
  const about = input.estimate === 'previous' ? 'About ' : '';
  return `${about}${countLabel(total, 'interaction')}${input.filtered ? (total === 1 ? ' matches' : ' match') : ''}`;
}
