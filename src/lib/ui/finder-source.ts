import {
  DEFAULT_FINDER_SORT,
  getInteraction,
  observeCount,
  observeFirstRows,
  observeQuery,
  queryInteractions,
  type FinderFilters,
  type FinderPage,
  type FinderSort,
  type FinderSortField,
  type LocalInteraction
} from '$lib/db';
import { combineLatest, firstValueFrom, map, of, switchMap, type Observable } from 'rxjs';
import type { FinderColumn, FinderColumnSort } from './finder-url';

/**
 * The Finder's rows, read through `$lib/db`'s query API. The API sorts by every column but the
 * site; for that one this module lists the sites one after another (by name), each newest first.
 */

export interface FinderSite {
  id: string;
  name: string;
}

export interface FinderWindowQuery {
  sites: readonly FinderSite[];
  filters: FinderFilters;
  sort: FinderColumnSort;
}

export interface RowWindow {
  offset: number;
  limit: number;
}

const SORT_FIELD: Record<Exclude<FinderColumn, 'site'>, FinderSortField> = {
  title: 'title',
  type: 'type',
  lead: 'lead',
  start: 'startDatetime',
  location: 'location'
};

/** A stable text for the query, to tell a new query from the same one built again. */
export function finderQueryKey(query: FinderWindowQuery): string {
  return JSON.stringify([query.sites.map((site) => site.id), query.filters, query.sort]);
}

/** The same for what the count depends on: the sites and filters, not the order. */
export function finderCountKey(query: FinderWindowQuery): string {
  return JSON.stringify([query.sites.map((site) => site.id), query.filters]);
}

function dbSort(sort: FinderColumnSort): FinderSort {
  return sort.column === 'site'
    ? DEFAULT_FINDER_SORT
    : { field: SORT_FIELD[sort.column], descending: sort.descending };
}

function sitesInOrder(query: FinderWindowQuery): FinderSite[] {
  const sorted = [...query.sites].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return query.sort.descending ? sorted.reverse() : sorted;
}

/** One window of rows and the total, emitted again whenever a row in it, or the total, changes. */
export function observeFinderWindow(query: FinderWindowQuery, window: RowWindow): Observable<FinderPage> {
  const siteIds = query.sites.map((site) => site.id);
  if (siteIds.length === 0) return of({ rows: [], total: 0 });
  if (query.sort.column !== 'site' || siteIds.length === 1) {
    return observeQuery({ siteIds, filters: query.filters, sort: dbSort(query.sort), ...window });
  }
  const ordered = sitesInOrder(query);
  // A limit of 1 is the least that reads a count; the rows it brings are not used.
  const totals = combineLatest(
    ordered.map((site) => observeQuery({ siteIds: [site.id], filters: query.filters, limit: 1 }))
  ).pipe(map((pages) => pages.map((page) => page.total)));
  return totals.pipe(
    switchMap((siteTotals) => {
      const total = siteTotals.reduce((sum, count) => sum + count, 0);
      const slices = sliceAcrossSites(siteTotals, window);
      if (slices.length === 0) return of({ rows: [], total });
      return combineLatest(
        slices.map((slice) =>
          observeQuery({ siteIds: [ordered[slice.site].id], filters: query.filters, ...slice.window })
        )
      ).pipe(map((pages) => ({ rows: pages.flatMap((page) => page.rows), total })));
    })
  );
}

/** A window of rows, and the total when reading the window needed it; null when it was not counted. */
export interface FinderRowsPage {
  rows: LocalInteraction[];
  total: number | null;
}

/**
 * One window of rows, emitted again whenever a row in it changes. The first window of a query is
 * read without a count, so it can be painted before the count (`observeFinderCount`) is known; a
 * later one needs the total to choose which end to read from, and brings it.
 */
export function observeFinderRows(query: FinderWindowQuery, window: RowWindow): Observable<FinderRowsPage> {
  const siteIds = query.sites.map((site) => site.id);
  const orderedBySites = query.sort.column === 'site' && siteIds.length > 1;
  if (window.offset > 0 || orderedBySites || siteIds.length === 0) return observeFinderWindow(query, window);
  return observeFirstRows({ siteIds, filters: query.filters, sort: dbSort(query.sort), limit: window.limit }).pipe(
    map((rows) => ({ rows, total: null }))
  );
}

/** The rows the query lists, emitted again when that changes. */
export function observeFinderCount(query: FinderWindowQuery): Observable<number> {
  return observeCount({ siteIds: query.sites.map((site) => site.id), filters: query.filters });
}

/** Which part of each site a window over the sites laid end to end covers. */
export function sliceAcrossSites(totals: readonly number[], window: RowWindow): { site: number; window: RowWindow }[] {
  const slices: { site: number; window: RowWindow }[] = [];
  const end = window.offset + window.limit;
  let siteStart = 0;
  totals.forEach((total, site) => {
    const from = Math.max(window.offset, siteStart);
    const to = Math.min(end, siteStart + total);
    if (to > from) slices.push({ site, window: { offset: from - siteStart, limit: to - from } });
    siteStart += total;
  });
  return slices;
}

/** One page, once. */
export function fetchFinderWindow(query: FinderWindowQuery, window: RowWindow): Promise<FinderPage> {
  return firstValueFrom(observeFinderWindow(query, window));
}

// How far the Finder looks for a row it cannot find by counting. A fresh save is near the top of
// the common sorts; a row further down is reported as not located rather than read for seconds.
const SCAN_LIMIT = 2000;
const TIE_WINDOW = 200;

/**
 * The row's position in the Finder's order, or null when the filters leave it out (or it lies
 * beyond what is worth scanning). Sorted by start, the rows before it are counted, not read.
 */
export async function locateRow(query: FinderWindowQuery, row: LocalInteraction): Promise<number | null> {
  if (query.sort.column === 'site' && query.sites.length <= 1) {
    // One site sorted by site is that site's rows newest first (see `dbSort`).
    return locateRow({ ...query, sort: { column: 'start', descending: true } }, row);
  }
  if (query.sort.column === 'site') {
    let before = 0;
    for (const site of sitesInOrder(query)) {
      const single = { ...query, sites: [site] };
      if (site.id === row.siteId) {
        const index = await locateRow({ ...single, sort: { column: 'start', descending: true } }, row);
        return index === null ? null : before + index;
      }
      before += (await fetchFinderWindow(single, { offset: 0, limit: 1 })).total;
    }
    return null;
  }
  if (query.sort.column === 'start') {
    const skipped = await countBefore(query, row);
    const page = await fetchFinderWindow(query, { offset: skipped, limit: TIE_WINDOW });
    const index = page.rows.findIndex((candidate) => candidate.id === row.id);
    return index < 0 ? null : skipped + index;
  }
  const page = await queryInteractions({
    siteIds: query.sites.map((site) => site.id),
    filters: query.filters,
    sort: dbSort(query.sort),
    limit: SCAN_LIMIT
  });
  const index = page.rows.findIndex((candidate) => candidate.id === row.id);
  return index < 0 ? null : index;
}

/** Rows that start strictly before (ascending) or after (descending) the row, within the filters. */
async function countBefore(query: FinderWindowQuery, row: LocalInteraction): Promise<number> {
  const start = Date.parse(row.startDatetime);
  if (Number.isNaN(start)) return 0;
  const filters = { ...query.filters };
  if (query.sort.descending) {
    const after = new Date(start + 1).toISOString();
    if (!filters.from || Date.parse(filters.from) < start + 1) filters.from = after;
  } else {
    const before = new Date(start).toISOString();
    if (!filters.to || Date.parse(filters.to) > start) filters.to = before;
  }
  return (await fetchFinderWindow({ ...query, filters }, { offset: 0, limit: 1 })).total;
}

/**
 * Finds an interaction among the user's sites when the URL does not say which site it is in.
 * Deleted ones are found too, so the page can say so.
 */
export async function findInteraction(
  siteIds: readonly string[],
  id: string
): Promise<LocalInteraction | null> {
  const found = await Promise.all(siteIds.map((siteId) => getInteraction(siteId, id)));
  return found.find((row) => row !== null) ?? null;
}
