import type { Role } from '../../src/lib/domain';
import type { Queryable } from '../db/database';
import { RECORD_COLUMNS, withIsoTimestamps, type StoredInteraction, type WithDates } from './interactions-repository';
import { HEADLINE_OPTIONS, searchTermsSql, snippetJoin } from './search-snippet';

/** Columns the list can be ordered by, and the SQL each stands for. Only non-null columns qualify. */
export const SORT_COLUMNS = {
  startDatetime: 'i.start_datetime',
  endDatetime: 'i.end_datetime',
  title: 'i.title',
  type: 'i.type',
  lead: 'i.lead',
  createdAt: 'i.created_at',
  updatedAt: 'i.updated_at'
} as const;

export type SortField = keyof typeof SORT_COLUMNS;

/**
 * Whose sites a query may read: those where the reader's role is one of `roles`. Joined into the
 * query itself, so the membership check costs no round trip of its own.
 */
export interface Reader {
  userId: string;
  roles: readonly Role[];
}

export interface InteractionFilter {
  reader: Reader;
  /** One of the reader's sites; all of them when absent. */
  siteId?: string;
  type?: string;
  lead?: string;
  /** Start at or after this instant. */
  from?: string;
  /** Start before this instant. */
  to?: string;
}

/** A stored interaction without its sync internals: what lists and searches return. */
export type ListedInteraction = Omit<StoredInteraction, 'serverSeq' | 'crdt'>;

/** Builds parameterised WHERE clauses; values never enter the SQL text. */
class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(sqlWithPlaceholders: (...refs: string[]) => string, ...values: unknown[]): void {
    const refs = values.map((value) => {
      this.params.push(value);
      return `$${this.params.length}`;
    });
    this.clauses.push(sqlWithPlaceholders(...refs));
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.clauses.join(' AND ');
  }
}

/** The filters other than the site, which each query applies in its own way. */
function filterConditions(filter: InteractionFilter): Conditions {
  const conditions = new Conditions();
  conditions.clauses.push('NOT i.deleted');
  if (filter.type !== undefined) conditions.add((type) => `i.type = ${type}`, filter.type);
  if (filter.lead !== undefined) conditions.add((lead) => `i.lead = ${lead}`, filter.lead);
  if (filter.from !== undefined) conditions.add((from) => `i.start_datetime >= ${from}`, filter.from);
  if (filter.to !== undefined) conditions.add((to) => `i.start_datetime < ${to}`, filter.to);
  return conditions;
}

export interface ListQuery {
  filter: InteractionFilter;
  sort: { field: SortField; descending: boolean };
  /** The sort value and id of the last row of the previous page. */
  after?: { value: string; id: string };
  limit: number;
}

/** A subquery of the ids of the sites the filter lets its reader see. */
function readableSites(conditions: Conditions, filter: InteractionFilter): string {
  const clauses = [
    `user_id = ${conditions.param(filter.reader.userId)}::uuid`,
    `role = ANY(${conditions.param(filter.reader.roles)}::text[])`
  ];
  if (filter.siteId !== undefined) clauses.push(`site_id = ${conditions.param(filter.siteId)}::uuid`);
  // An archived site is readable by nobody through the API; its data stays for a restore.
  clauses.push('site_id IN (SELECT id FROM sites WHERE archived_at IS NULL)');
  return `(SELECT site_id FROM user_sites WHERE ${clauses.join(' AND ')})`;
}

/**
 * One page of interactions in keyset order: (sort column, id) strictly after the cursor, so rows
 * inserted between pages can neither repeat nor push another row out of view. Only the reader's
 * sites are read; an empty page does not tell "no rows" from "not a member" (see the Finder).
 */
export async function listInteractionPage(db: Queryable, query: ListQuery): Promise<ListedInteraction[]> {
  const column = SORT_COLUMNS[query.sort.field];
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  const conditions = filterConditions(query.filter);
  if (query.after) {
    const comparison = query.sort.descending ? '<' : '>';
    conditions.add(
      (value, id) => `(${column}, i.id) ${comparison} (${value}, ${id}::uuid)`,
      query.after.value,
      query.after.id
    );
  }
  const limit = conditions.param(query.limit);
  const sites = readableSites(conditions, query.filter);
  // One ordered, limited index scan per site (LATERAL), merged: with `site_id = ANY(...)` Postgres
  // cannot walk the (site_id, start_datetime, id) index in order and sorts every row of the sites.
  const { rows } = await db.query<RawRow>(
    `SELECT page.* FROM ${sites} us
     CROSS JOIN LATERAL (
       SELECT ${RECORD_COLUMNS} FROM interactions i
        WHERE i.site_id = us.site_id AND ${conditions.where}
        ORDER BY ${column} ${direction}, i.id ${direction}
        LIMIT ${limit}) page
     ORDER BY page."${query.sort.field}" ${direction}, page.id ${direction}
     LIMIT ${limit}`,
    conditions.params
  );
  return rows.map(toListed);
}

export interface SearchQuery {
  text: string;
  /**
   * The one lexeme `text` searches for, when it is a one-word search (see `oneWordLexeme`): its
   * hits are then read in rank order from the postings instead of ranked from the GIN index.
   */
  lexeme?: string;
  filter: InteractionFilter;
  after?: { rank: number; id: string };
  limit: number;
}

export interface SearchHit extends ListedInteraction {
  rank: number;
  /** Description and notes from the first match on, the matched words wrapped in HIGHLIGHT_START and HIGHLIGHT_END. */
  headline: string;
}

/**
 * Full-text search, ranked by ts_rank (title weighted highest), in keyset pages on (rank, id).
 * Headlines are computed for the returned page only, as they are costly (see search-snippet.ts).
 * Each of the reader's sites is searched on its own (LATERAL), so only that site's matches are
 * read; as for lists, an empty page proves no membership.
 */
export async function searchInteractionPage(db: Queryable, query: SearchQuery): Promise<SearchHit[]> {
  const conditions = filterConditions(query.filter);
  const terms = searchTermsSql(conditions.param(query.text));
  const siteHits = query.lexeme === undefined ? rankedMatches(conditions, query) : postedMatches(conditions, query.lexeme, query);
  const limit = sqlInteger(query.limit);
  const sites = readableSites(conditions, query.filter);
  const options = conditions.param(HEADLINE_OPTIONS);
  const { rows } = await db.query<RawRow & { rank: number; headline: string }>(
    `SELECT ${RECORD_COLUMNS}, page.rank, snippet.headline
       FROM ${terms}
      CROSS JOIN LATERAL (
             SELECT hits.* FROM ${sites} us
              CROSS JOIN LATERAL (${siteHits(limit)}) hits
              ORDER BY hits.rank DESC, hits.id DESC
              LIMIT ${limit}) page
       JOIN interactions i ON i.id = page.id
       ${snippetJoin(options)}
      ORDER BY page.rank DESC, i.id DESC`,
    conditions.params
  );
  return rows.map((row) => ({ ...toListed(row), rank: row.rank, headline: row.headline }));
}

/** The SQL of one site's best hits (`us.site_id`), given the placeholder of the page size. */
type SiteHits = (limit: string) => string;

/** Any search: every match the GIN index finds in the site, ranked. */
function rankedMatches(conditions: Conditions, query: SearchQuery): SiteHits {
  conditions.clauses.push('i.search_vector @@ q.query');
  const rank = 'ts_rank(i.search_vector, q.query)';
  if (query.after) {
    conditions.add((afterRank, id) => `(${rank}, i.id) < (${afterRank}::real, ${id}::uuid)`, query.after.rank, query.after.id);
  }
  return (limit) => `
    SELECT i.id, ${rank} AS rank FROM interactions i
     WHERE i.site_id = us.site_id AND ${conditions.where}
     ORDER BY rank DESC, i.id DESC
     LIMIT ${limit}`;
}

/** A one-word search: the site's postings of the lexeme, already in rank order (0005_search_terms.sql). */
function postedMatches(conditions: Conditions, lexeme: string, query: SearchQuery): SiteHits {
  conditions.add((word) => `t.lexeme = ${word}`, lexeme);
  if (query.after) {
    conditions.add(
      (afterRank, id) => `(t.rank, t.interaction_id) < (${afterRank}::real, ${id}::uuid)`,
      query.after.rank,
      query.after.id
    );
  }
  return (limit) => `
    SELECT t.interaction_id AS id, t.rank FROM interaction_terms t
      JOIN interactions i ON i.id = t.interaction_id
     WHERE t.site_id = us.site_id AND ${conditions.where}
     ORDER BY t.rank DESC, t.interaction_id DESC
     LIMIT ${limit}`;
}

/**
 * The lexeme a search text stands for when it is one word, as websearch_to_tsquery reads it ("the
 * volunteers" is one word, "food bank" or "-boiler" are not); undefined otherwise.
 */
export async function oneWordLexeme(db: Queryable, text: string): Promise<string | undefined> {
  const { rows } = await db.query<{ lexeme: string }>(
    `SELECT w.lexeme FROM unnest(tsvector_to_array(to_tsvector('english', $1))) AS w (lexeme)
      WHERE lexeme_query(w.lexeme) = websearch_to_tsquery('english', $1)`,
    [text]
  );
  return rows.length === 1 ? rows[0].lexeme : undefined;
}

/**
 * A page size written into the SQL rather than passed as a parameter. Postgres plans a prepared
 * search afresh for each execution (a custom plan) while a generic plan, not knowing the LIMIT,
 * looks dearer; knowing it, the generic plan is taken and kept, which saves planning every search
 * (0.4 to 0.8 ms, more than executing a one-word page). One statement per page size is prepared.
 */
function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return String(value);
}

type RawRow = WithDates<ListedInteraction>;
const toListed = (row: RawRow) => withIsoTimestamps<ListedInteraction>(row);
