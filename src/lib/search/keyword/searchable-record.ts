/**
 * What the keyword index holds of an interaction: the text it searches, and the few fields the
 * Finder's filters need, so a filtered search is cut to size inside the worker.
 */
export interface SearchableRecord {
  id: string;
  siteId: string;
  title: string;
  type: string;
  lead: string;
  location: string | null;
  description: string;
  notes: string | null;
  /** UTC instant, ISO 8601: the date filters compare it as text. */
  startDatetime: string;
}

/** The searched fields and their weights: a word in the title says most about what a record is. */
export const KEYWORD_FIELD_BOOSTS = {
  title: 3,
  type: 1.5,
  lead: 2,
  location: 1.5,
  description: 1,
  notes: 1
} as const satisfies Partial<Record<keyof SearchableRecord, number>>;

export const KEYWORD_FIELDS = Object.keys(KEYWORD_FIELD_BOOSTS) as (keyof typeof KEYWORD_FIELD_BOOSTS)[];

/** A changed row as the local database reports it, tombstones and storage removals included. */
export interface ChangedRow extends SearchableRecord {
  isDeleted: boolean;
  /** RxDB's own removal flag (a purge or cleanup), not the domain's tombstone. */
  _deleted?: boolean;
}

export function toSearchable(row: ChangedRow): SearchableRecord {
  const { id, siteId, title, type, lead, location, description, notes, startDatetime } = row;
  return { id, siteId, title, type, lead, location, description, notes, startDatetime };
}

/** Rows no search may return: domain tombstones and rows the storage removed. */
export function isGone(row: ChangedRow): boolean {
  return row.isDeleted || row._deleted === true;
}
