import type { RowWindow } from './finder-source';

/**
 * How a total shown before its count is known was arrived at: the count this query had when last
 * counted ("about N"), or only the rows read so far (the list holds at least that many).
 */
export type FinderTotalEstimate = 'previous' | 'partial';

export interface FinderTotal {
  value: number;
  /** Null when the value is exact. */
  estimate: FinderTotalEstimate | null;
}

export interface FinderTotalInput {
  /** This query's count, once known. */
  count: number | null;
  /** The count the same sites and filters had the last time they were counted. */
  previousCount: number | null;
  /** The window read, and how many rows it brought. */
  window: RowWindow;
  rowsRead: number;
}

/** The total the Finder shows: the count when it has one, else the best figure the rows allow. */
export function finderTotal(input: FinderTotalInput): FinderTotal {
  if (input.count !== null) return { value: input.count, estimate: null };
  const seen = input.window.offset + input.rowsRead;
  // A window that comes back short holds the end of the list, so its end is the count. (An empty
  // one past the start says only that the list is shorter than where it starts.)
  const endsTheList = input.rowsRead < input.window.limit && (input.rowsRead > 0 || input.window.offset === 0);
  if (endsTheList) return { value: seen, estimate: null };
  if (input.previousCount !== null && input.previousCount >= seen) return { value: input.previousCount, estimate: 'previous' };
  return { value: seen, estimate: 'partial' };
}
