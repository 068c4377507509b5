import { descendingKey } from './descending-key';
import type { InteractionDocument, InteractionSortKeys } from './local-interaction';

export const FINDER_SORT_FIELDS = ['startDatetime', 'title', 'type', 'lead', 'location', 'updatedAt'] as const;
export type FinderSortField = (typeof FINDER_SORT_FIELDS)[number];

export interface FinderSort {
  field: FinderSortField;
  descending: boolean;
}

export const DEFAULT_FINDER_SORT: FinderSort = { field: 'startDatetime', descending: true };

export interface SortDefinition {
  /** Record paths compared in turn for the ascending order; the id breaks the last tie. */
  ascending: readonly string[];
  /** The sort key holding the exact reverse of that order, id included. */
  descending: Exclude<keyof InteractionSortKeys, 'locationAsc'>;
}

/**
 * Every Finder sort and the stored paths that give it an index. Type and lead have few distinct
 * values, so within one they order by start, which is what a person scanning a type expects.
 * The collection's indexes and the sort keys are both built from this table, so they cannot drift.
 */
export const SORT_DEFINITIONS: Readonly<Record<FinderSortField, SortDefinition>> = {
  startDatetime: { ascending: ['startDatetime'], descending: 'startDatetimeDesc' },
  title: { ascending: ['title'], descending: 'titleDesc' },
  type: { ascending: ['type', 'startDatetime'], descending: 'typeDesc' },
  lead: { ascending: ['lead', 'startDatetime'], descending: 'leadDesc' },
  location: { ascending: ['sortKeys.locationAsc'], descending: 'locationDesc' },
  updatedAt: { ascending: ['updatedAt'], descending: 'updatedAtDesc' }
};

type SortableRecord = Pick<InteractionDocument, 'id' | 'location' | FinderSortField>;

/** The keys a record is stored with so that each sort of `SORT_DEFINITIONS` has its index. */
export function computeSortKeys(record: SortableRecord): InteractionSortKeys {
  const keys = { locationAsc: record.location ?? '' } as InteractionSortKeys;
  const withLocation = { ...record, sortKeys: keys };
  for (const definition of Object.values(SORT_DEFINITIONS)) {
    const values = definition.ascending.map((path) => readPath(withLocation, path));
    keys[definition.descending] = descendingKey(...values, record.id);
  }
  return keys;
}

/** The paths a query sorts ascending by, before the id, to get `sort` in index order. */
export function sortPaths(sort: FinderSort): readonly string[] {
  const definition = SORT_DEFINITIONS[sort.field];
  return sort.descending ? [`sortKeys.${definition.descending}`] : definition.ascending;
}

/** Orders stored records exactly as the index behind `sort` does, so site pages merge correctly. */
export function compareForSort(sort: FinderSort): (a: InteractionDocument, b: InteractionDocument) => number {
  const paths = [...sortPaths(sort), 'id'];
  return (a, b) => {
    for (const path of paths) {
      const [left, right] = [readPath(a, path), readPath(b, path)];
      // Code-unit comparison, as IndexedDB compares keys; localeCompare would disagree with the index.
      if (left < right) return -1;
      if (left > right) return 1;
    }
    return 0;
  };
}

function readPath(record: object, path: string): string {
  let value: unknown = record;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  return value as string;
}

/** Fields the Finder filters to one value; within one, an index orders rows by start. */
export const EQUALITY_FILTER_FIELDS = ['type', 'lead'] as const;
export type EqualityFilterField = (typeof EQUALITY_FILTER_FIELDS)[number];

/**
 * The index a Finder page walks: the tombstone flag first so deleted rows are one skipped range,
 * then the equality filter when there is one (only for the start sort), then the sort's paths.
 */
export function finderIndex(sort: FinderSort, leadingFilter?: EqualityFilterField): string[] {
  return ['isDeleted', ...(leadingFilter ? [leadingFilter] : []), ...sortPaths(sort)];
}

/** Every index `finderIndex` can name, each once. */
export function allFinderIndexes(): string[][] {
  const indexes = new Map<string, string[]>();
  const add = (index: string[]) => indexes.set(index.join('+'), index);
  for (const descending of [false, true]) {
    for (const field of FINDER_SORT_FIELDS) add(finderIndex({ field, descending }));
    for (const filter of EQUALITY_FILTER_FIELDS) {
      add(finderIndex({ field: 'startDatetime', descending }, filter));
    }
  }
  return [...indexes.values()];
}
