import type { InteractionDocument, InteractionSortKeys } from './local-interaction';

export const FINDER_SORT_FIELDS = ['startDatetime', 'title', 'type', 'lead', 'location'] as const;
export type FinderSortField = (typeof FINDER_SORT_FIELDS)[number];

export interface FinderSort {
  field: FinderSortField;
  descending: boolean;
}

export const DEFAULT_FINDER_SORT: FinderSort = { field: 'startDatetime', descending: true };

/**
 * The stored paths each Finder sort compares in turn, ascending; the id breaks the last tie. One
 * index per sort serves both directions: a descending page walks it backwards (see
 * descending-index-reads.ts). Type and lead have few distinct values, so within one they order by
 * start, which is what a person scanning a type expects. The collection's indexes are built from
 * this table, so they cannot drift from the sorts.
 */
export const SORT_PATHS: Readonly<Record<FinderSortField, readonly string[]>> = {
  startDatetime: ['startDatetime'],
  title: ['sortKeys.titleAsc'],
  type: ['type', 'startDatetime'],
  lead: ['sortKeys.leadAsc', 'startDatetime'],
  location: ['sortKeys.locationAsc']
};

type SortableRecord = Pick<InteractionDocument, 'title' | 'lead' | 'location'>;

/** How much of each text a sort key keeps: what a person may type in it (the domain's limit). */
export const SORT_KEY_LENGTH = { titleAsc: 100, leadAsc: 100, locationAsc: 200 } as const satisfies Record<keyof InteractionSortKeys, number>;

/** The keys a record is stored with so that each sort of `SORT_PATHS` has its index. */
export function computeSortKeys(record: SortableRecord): InteractionSortKeys {
  return {
    titleAsc: record.title.slice(0, SORT_KEY_LENGTH.titleAsc),
    leadAsc: record.lead.slice(0, SORT_KEY_LENGTH.leadAsc),
    locationAsc: (record.location ?? '').slice(0, SORT_KEY_LENGTH.locationAsc)
  };
}

/** An RxDB sort for `sort`: its paths, then the id, all in its direction, so an index walks it. */
export function sortSpec(sort: FinderSort): Record<string, 'asc' | 'desc'>[] {
  const direction = sort.descending ? 'desc' : 'asc';
  return [...SORT_PATHS[sort.field], 'id'].map((path) => ({ [path]: direction }));
}

/** Orders stored records exactly as the index behind `sort` does, so site pages merge correctly. */
export function compareForSort(sort: FinderSort): (a: InteractionDocument, b: InteractionDocument) => number {
  const paths = [...SORT_PATHS[sort.field], 'id'];
  const sign = sort.descending ? -1 : 1;
  return (a, b) => {
    for (const path of paths) {
      const [left, right] = [readPath(a, path), readPath(b, path)];
      // Code-unit comparison, as IndexedDB compares keys; localeCompare would disagree with the index.
      if (left < right) return -sign;
      if (left > right) return sign;
    }
    return 0;
  };
}

function readPath(record: object, path: string): string {
  let value: unknown = record;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return value as string;
}

/**
 * Fields the Finder filters to one value; within one, an index orders rows by start. The lead is
 * matched on any part of the name (lead-match.ts), row by row along the sort's index.
 */
export const EQUALITY_FILTER_FIELDS = ['type'] as const;
export type EqualityFilterField = (typeof EQUALITY_FILTER_FIELDS)[number];

/**
 * The index a Finder page walks, in either direction: the tombstone flag first so deleted rows are
 * one skipped range, then the equality filter when there is one (only for the start sort), then
 * the sort's paths. A filter on type sorted by start is the type sort's own index.
 */
export function finderIndex(sort: FinderSort, leadingFilter?: EqualityFilterField): string[] {
  return ['isDeleted', ...(leadingFilter ? [leadingFilter] : []), ...SORT_PATHS[sort.field]];
}

/** Every index `finderIndex` can name, each once. */
export function allFinderIndexes(): string[][] {
  const indexes = new Map<string, string[]>();
  const add = (index: string[]) => indexes.set(index.join('+'), index);
  for (const field of FINDER_SORT_FIELDS) add(finderIndex({ field, descending: false }));
  for (const filter of EQUALITY_FILTER_FIELDS) add(finderIndex(DEFAULT_FINDER_SORT, filter));
  return [...indexes.values()];
}
