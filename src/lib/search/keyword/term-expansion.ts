import { adjacentTranspositions } from './typo-variants';

/** What term expansion needs of an index's vocabulary; `T` is whatever the index keeps per term. */
export interface Vocabulary<T> {
  get(term: string): T | undefined;
  /** Every term starting with `prefix`, the prefix itself included. */
  withPrefix(prefix: string): Iterable<[term: string, data: T]>;
  /** Every term within `distance` insertions, deletions or substitutions of `term`, with its distance. */
  near(term: string, distance: number): Iterable<[term: string, data: T, distance: number]>;
  /** Records holding the term: how much scoring it costs. */
  frequency(data: T): number;
}

export interface Expansion<T> {
  term: string;
  data: T;
  /** What a match on this term counts for, against 1 for the word as typed. */
  weight: number;
  exact: boolean;
}

// The weights minisearch gives prefix and fuzzy matches (its defaults, which the quality set and
// Best match's thresholds were fitted with), and the same decay with distance.
const PREFIX_WEIGHT = 0.375;
const TYPO_WEIGHT = 0.45;
/** Only the word being typed is a prefix, once it has three letters: "f" would expand to every word starting with f. */
const MIN_PREFIX_LENGTH = 3;
/**
 * Expansions kept per word besides the word itself, nearest first and then the most frequent: a
 * short prefix of a large vocabulary ("con") has hundreds, and each costs a posting walk. Over
 * 10,000 demo records the most any bench or quality query reaches is 13 ("comp"), so the cap
 * changes nothing there; it bounds the work on real vocabularies.
 */
export const MAX_EXPANSIONS = 24;

/** Shortest word whose neighbouring letters may be swapped ("teh", "fro"): swapped, a short word rarely becomes another. */
const MIN_SWAP_LENGTH = 3;

/**
 * Insertions, deletions or substitutions a word may be off by: none up to four letters ("van" is
 * one substitution from "can", which helps nobody), then one per five letters, at most two.
 */
export function editBudget(word: string): number {
  return word.length <= 4 ? 0 : Math.min(2, Math.round(word.length * 0.2));
}

/**
 * The index terms a query word matches, each with its weight: the word itself, its completions when
 * it is the word being typed, and terms within its typo budget; the nearest and commonest
 * `MAX_EXPANSIONS` of those besides the word itself.
 */
export function expandWord<T>(vocabulary: Vocabulary<T>, word: string, options: { isLast: boolean }): Expansion<T>[] {
  const own = vocabulary.get(word);
  const others = new Map<string, Expansion<T>>();
  const offer = (expansion: Expansion<T>) => {
    const known = others.get(expansion.term);
    if (expansion.term !== word && (!known || known.weight < expansion.weight)) others.set(expansion.term, expansion);
  };
  for (const [term, { data, distance }] of typos(vocabulary, word)) {
    offer({ term, data, weight: (TYPO_WEIGHT * term.length) / (term.length + distance), exact: false });
  }
  if (options.isLast && word.length >= MIN_PREFIX_LENGTH) {
    for (const [term, data] of vocabulary.withPrefix(word)) {
      // A completion is a better reading than a typo of the same term (as minisearch scores it).
      others.delete(term);
      const extra = term.length - word.length;
      offer({ term, data, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * extra), exact: false });
    }
  }
  const ranked = [...others.values()].map((expansion) => ({ expansion, frequency: vocabulary.frequency(expansion.data) }));
  const kept = ranked
    .sort((a, b) => b.expansion.weight - a.expansion.weight || b.frequency - a.frequency)
    .slice(0, MAX_EXPANSIONS)
    .map(({ expansion }) => expansion);
  return own === undefined ? kept : [{ term: word, data: own, weight: 1, exact: true }, ...kept];
}

/**
 * Terms within the word's edit budget, with their distance, a swap of neighbouring letters counting
 * as one edit: the plain edit distance around the word, and each of its swapped variants the
 * index holds. A swap together with another typo is left out: two swapped variants cost a hash
 * lookup each, where a search around each of them walked the vocabulary ten times for a long word.
 */
function typos<T>(vocabulary: Vocabulary<T>, word: string): Map<string, { data: T; distance: number }> {
  const found = new Map<string, { data: T; distance: number }>();
  const edits = editBudget(word);
  if (edits > 0) for (const [term, data, distance] of vocabulary.near(word, edits)) if (term !== word) found.set(term, { data, distance });
  if (word.length < MIN_SWAP_LENGTH) return found;
  for (const variant of adjacentTranspositions(word)) {
    const data = vocabulary.get(variant);
    if (data !== undefined) found.set(variant, { data, distance: 1 });
  }
  return found;
}
