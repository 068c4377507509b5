import { KeywordEngine, type KeywordSnapshot } from './keyword-engine';
import { queryTerms } from './keyword-options';
import { scoreRecords, type WordMatches } from './ranked-search';
import { ScoreTable, bitCount, type ScoredRecord } from './score-table';
import type { SearchableRecord } from './searchable-record';
import { expandWord } from './term-expansion';

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
/** Query words beyond this many are left out: each takes one bit of a record's match flags. */
const MAX_QUERY_WORDS = 32;

/** One site's keyword index: its records' words, and the project's rules for matching and ranking them. */
export class KeywordIndex {
  readonly #engine: KeywordEngine;
  readonly #table = new ScoreTable();

  private constructor(engine: KeywordEngine) {
    this.#engine = engine;
  }

  static empty(): KeywordIndex {
    return new KeywordIndex(new KeywordEngine());
  }

  /** Restores an index from `snapshot`'s value; throws on one that is not. */
  static fromSnapshot(snapshot: KeywordSnapshot): KeywordIndex {
    return new KeywordIndex(KeywordEngine.restore(snapshot));
  }

  get documentCount(): number {
    return this.#engine.documentCount;
  }

  has(id: string): boolean {
    return this.#engine.has(id);
  }

  /** Adds the record, or replaces the version indexed before. */
  put(record: SearchableRecord): void {
    // Removing is lazy (the lists are cleaned once removals add up), so an edit costs one add.
    this.#engine.remove(record.id);
    this.#engine.add(record);
  }

  remove(id: string): void {
    this.#engine.remove(id);
  }

  search(query: string, options: { filters?: KeywordFilters; limit: number }): KeywordHit[] {
    const words = [...new Set(queryTerms(query))].slice(0, MAX_QUERY_WORDS);
    const vocabulary = this.#engine.vocabulary();
    const matches = words.map((word, at) => expandWord(vocabulary, word, { isLast: at === words.length - 1 }));
    const view = this.#engine.scoringView();
    const accept = this.#engine.filters.matcher(options.filters ?? {});
    const scored = (requireAll: boolean) => {
      this.#table.reset(view.recordLimit);
      scoreRecords({ view, words: matches, requireAll, table: this.#table, limit: options.limit, accept });
      return this.#table.best({ limit: options.limit, accept });
    };
    // Records holding every word first: fewer to score, and the precise ones. Only when too few
    // hold them all do records holding any word count (a paraphrase, or one word not used).
    let result = scored(true);
    if (result.found < ENOUGH_HITS && words.length > 1) result = scored(false);
    return result.best.map((record) => this.#hit(record, matches));
  }

  /** The index as a structured-clonable value, for saving. */
  snapshot(): KeywordSnapshot {
    return this.#engine.snapshot();
  }

  #hit(record: ScoredRecord, matches: readonly WordMatches[]): KeywordHit {
    const terms = new Set<string>();
    for (const word of matches) {
      for (const match of word) {
        if (match.data.some((postings) => postings && postings.countIn(record.shortId) > 0)) terms.add(match.term);
      }
    }
    return {
      id: this.#engine.idOf(record.shortId),
      siteId: this.#engine.filters.siteId(record.shortId),
      score: record.score,
      terms: [...terms],
      matchedWords: bitCount(record.matched),
      exactWords: bitCount(record.exact)
    };
  }
}
