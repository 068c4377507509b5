import type { Options } from 'minisearch';
import { KEYWORD_FIELDS, type SearchableRecord } from './searchable-record';

/**
 * Raised whenever anything below changes how text becomes terms, or the saved form changes (2: a
 * snapshot of typed arrays in place of minisearch's JSON text): an index persisted under another
 * version was built with other rules, and is rebuilt instead of loaded.
 */
export const KEYWORD_INDEX_VERSION = 2;

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

export const MINISEARCH_OPTIONS: Options<SearchableRecord> = {
  idField: 'id',
  fields: KEYWORD_FIELDS,
  tokenize: (text) => text.split(SPACE_OR_PUNCTUATION),
  processTerm,
  // Text fields may be null; minisearch wants strings.
  extractField: (document, field) => (document[field as keyof SearchableRecord] as string | null) ?? ''
};
