import MiniSearch, { type SearchResult } from 'minisearch';
import { MINISEARCH_OPTIONS, queryTerms } from './keyword-options';
import type { SearchableRecord } from './searchable-record';
import { leadMatcher } from '$lib/db/lead-match';

/** What a search may be narrowed by: the Finder's filters, applied before the hits are cut. */
export interface KeywordFilters {
  type?: string;
  lead?: string;
  /** Starting at or after this UTC instant. */
  from?: string;
  /** Starting before this UTC instant. */
  to?: string;
}

export interface KeywordHit {
  id: string;
  siteId: string;
  score: number;
  /** The words of the record that matched (lower case), for highlighting. */
  terms: string[];
  /** How many of the query's words matched: exactly, fuzzily or as a prefix. */
  matchedWords: number;
  /** How many of the query's words the record holds exactly as typed. */
  exactWords: number;
}

/** Below this many records holding every word, records holding any of them are searched. */
const ENOUGH_HITS = 20;

type StoredFields = Pick<SearchableRecord, 'siteId' | 'type' | 'lead' | 'startDatetime'>;

/** One site's keyword index: minisearch with the project's fields, boosts and matching rules. */
export class KeywordIndex {
  readonly #search: MiniSearch<SearchableRecord>;

  private constructor(search: MiniSearch<SearchableRecord>) {
    this.#search = search;
  }

  static empty(): KeywordIndex {
    return new KeywordIndex(new MiniSearch(MINISEARCH_OPTIONS));
  }

  /** Restores an index from `toJSON`'s text; throws on text that is not one. */
  static fromJSON(json: string): KeywordIndex {
    return new KeywordIndex(MiniSearch.loadJSON(json, MINISEARCH_OPTIONS));
  }

  get documentCount(): number {
    return this.#search.documentCount;
  }

  has(id: string): boolean {
    return this.#search.has(id);
  }

  /** Adds the record, or replaces the version indexed before. */
  put(record: SearchableRecord): void {
    // Discarding is lazy (the index is cleaned in the background), so an edit costs one add.
    if (this.#search.has(record.id)) this.#search.discard(record.id);
    this.#search.add(record);
  }

  remove(id: string): void {
    if (this.#search.has(id)) this.#search.discard(id);
  }

  search(query: string, options: { filters?: KeywordFilters; limit: number }): KeywordHit[] {
    const accept = filterOf(options.filters ?? {});
    const filter = accept && ((result: SearchResult) => accept(result as unknown as StoredFields));
    // Records holding every word first: fewer hits to score, and the precise ones. Only when too
    // few hold them all do records holding any word count (a paraphrase, or one word not used).
    let results = this.#search.search(query, { filter, combineWith: 'AND' });
    if (results.length < ENOUGH_HITS) results = this.#search.search(query, { filter, combineWith: 'OR' });
    const words = new Set(queryTerms(query));
    return results.slice(0, options.limit).map((result) => ({
      id: String(result.id),
      siteId: (result as unknown as StoredFields).siteId,
      score: result.score,
      terms: result.terms,
      matchedWords: new Set(result.queryTerms).size,
      exactWords: result.terms.filter((term) => words.has(term)).length
    }));
  }

  toJSON(): string {
    return JSON.stringify(this.#search);
  }
}

function filterOf(filters: KeywordFilters): ((fields: StoredFields) => boolean) | undefined {
  const { type, lead, from, to } = filters;
  if (!type && !lead && !from && !to) return undefined;
  const leadMatches = leadMatcher(lead ?? '');
  return (fields) =>
    (!type || fields.type === type) &&
    leadMatches(fields.lead) &&
    (!from || fields.startDatetime >= from) &&
    (!to || fields.startDatetime < to);
}
