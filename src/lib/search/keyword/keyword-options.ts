import type { Options, SearchOptions } from 'minisearch';
import { KEYWORD_FIELD_BOOSTS, KEYWORD_FIELDS, STORED_FIELDS, type SearchableRecord } from './searchable-record';

/**
 * Raised whenever anything below changes how text becomes terms: an index persisted under another
 * version was built with other rules, and is rebuilt instead of loaded.
 */
export const KEYWORD_INDEX_VERSION = 1;

// Words that match almost every record: with OR matching they would only add noise to the ranking.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in is it its of on or that the their this to was were will with'.split(' ')
);

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : lower;
}

// minisearch's own default tokenizer, named here so a query's words can be counted the same way.
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** The words of a query as the index matches them: lower case, stop words left out. */
export function queryTerms(query: string): string[] {
  return query
    .split(SPACE_OR_PUNCTUATION)
    .map((term) => (term ? processTerm(term) : null))
    .filter((term): term is string => term !== null);
}

export const SEARCH_OPTIONS: SearchOptions = {
  boost: KEYWORD_FIELD_BOOSTS,
  // Only the word being typed is a prefix, once it has three letters: "f" alone would expand to
  // every word starting with f. Earlier words are whole words (possibly misspelt).
  prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 3,
  // Short words are left exact: one edit turns "van" into "can", which helps nobody.
  fuzzy: (term) => (term.length > 4 ? 0.2 : false),
  maxFuzzy: 2,
  combineWith: 'OR'
};

export const MINISEARCH_OPTIONS: Options<SearchableRecord> = {
  idField: 'id',
  fields: KEYWORD_FIELDS,
  storeFields: [...STORED_FIELDS],
  tokenize: (text) => text.split(SPACE_OR_PUNCTUATION),
  processTerm,
  searchOptions: SEARCH_OPTIONS,
  // Text fields may be null; minisearch wants strings.
  extractField: (document, field) => (document[field as keyof SearchableRecord] as string | null) ?? ''
};
