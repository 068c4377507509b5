import { isIsoInstant } from '$lib/domain';
import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import {
  DEFAULT_FINDER_SORT,
  FINDER_SORT_FIELDS,
  finderIndex,
  sortSpec,
  type FinderSort
} from './finder-sorts';
import { toUtcInstant } from './utc-instant';
import { LEAD_MATCH_OPTIONS, leadPattern } from './lead-match';
import type { InteractionDocument } from './local-interaction';

export interface FinderFilters {
  /** Exactly this type. */
  type?: string;
  /** Contained, ignoring case, in the lead's name (see lead-match.ts). */
  lead?: string;
  /** Starting at or after this instant (ISO 8601 with offset). */
  from?: string;
  /** Starting before this instant. */
  to?: string;
  /**
   * Contained, ignoring case, in the title, lead, location or description. A plain scan of the
   * rows the rest selects, until the search index takes over.
   */
  text?: string;
}

export interface FinderPlan {
  /** One site's rows in sort order, before the page window is applied. */
  page: MangoQuery<InteractionDocument>;
  /** The same rows, for counting: free to use whichever index answers the filters alone. */
  count: MangoQuery<InteractionDocument>;
  /** The order the rows come in, which merging several sites must follow. */
  sort: FinderSort;
}

const TEXT_SEARCH_FIELDS = ['title', 'lead', 'location', 'description'] as const;

type Selector = MangoQuerySelector<InteractionDocument> & Record<string, unknown>;

/** Turns the Finder's filters and sort into index-backed RxDB queries for one site. */
export function planFinderQuery(filters: FinderFilters = {}, requested: FinderSort = DEFAULT_FINDER_SORT): FinderPlan {
  if (!FINDER_SORT_FIELDS.includes(requested.field)) {
    throw new TypeError(`The Finder cannot sort by “${requested.field}”.`);
  }
  const type = present(filters.type);
  const lead = present(filters.lead && leadPattern(filters.lead));
  const text = present(filters.text?.trim());
  const from = instant('from', filters.from);
  const to = instant('to', filters.to);

  // Sorting by a field filtered to one value is sorting by what orders rows within it: the start.
  // A lead filter matches part of a name, so it can leave several leads: their sort still applies.
  const filteredSortField = requested.field === 'type' && type;
  const sort: FinderSort = filteredSortField ? { field: 'startDatetime', descending: requested.descending } : requested;
  // Only the type is an equality filter now; the lead is matched row by row while the sort's index
  // is walked, which reads until a page is full (a cheap scan at the sizes a site holds).
  const leadingFilter = sort.field === 'startDatetime' && type ? 'type' : undefined;

  const shared: Selector = { isDeleted: false };
  if (type) shared.type = type;
  if (lead) shared.lead = { $regex: lead, $options: LEAD_MATCH_OPTIONS };
  if (text) shared.$or = TEXT_SEARCH_FIELDS.map((field) => ({ [field]: { $regex: escapeRegex(text), $options: 'i' } }));

  // Sorted by start, the index walked bounds the range, so only rows in it are read.
  const selector: Selector = { ...shared };
  if (from !== undefined || to !== undefined) {
    selector.startDatetime = { ...(from && { $gte: from }), ...(to && { $lt: to }) };
  }

  return {
    page: {
      selector,
      sort: sortSpec(sort) as MangoQuery<InteractionDocument>['sort'],
      // Chosen here, not by RxDB's planner: it prefers the filter's index, then reads and sorts
      // every matching row, while walking the sort's index stops after one page.
      index: finderIndex(sort, leadingFilter)
    },
    count: { selector },
    sort
  };
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoInstant(value)) throw new TypeError(`The Finder's “${name}” must be an ISO 8601 instant, not “${value}”.`);
  return toUtcInstant(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
