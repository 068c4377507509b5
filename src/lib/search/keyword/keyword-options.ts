/**
 * Raised whenever anything below changes how text becomes terms, or the saved form changes (2: a
 * snapshot of typed arrays in place of minisearch's JSON text): an index persisted under another
 * version was built with other rules or is read differently, and is rebuilt instead of loaded.
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

// Words are split at spaces and punctuation (minisearch's default, which the ranking was tuned with).
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;

/** The words of a query as the index matches them: lower case, stop words left out. */
export function queryTerms(query: string): string[] {
  return query
    .split(SPACE_OR_PUNCTUATION)
    .map((term) => (term ? processTerm(term) : null))
    .filter((term): term is string => term !== null);
}

/**
 * A field's text as the index takes it: its terms (lower case, stop words left out) and its
 * length, the number of distinct words before stop words are dropped, as minisearch counted it
 * when the ranking was tuned. An empty field counts as one empty word, as it did there.
 */
export function fieldTerms(text: string | null): { terms: string[]; length: number } {
  const words = (text ?? '').split(SPACE_OR_PUNCTUATION);
  const terms: string[] = [];
  for (const word of words) {
    const term = word ? processTerm(word) : null;
    if (term) terms.push(term);
  }
  return { terms, length: new Set(words).size };
}
