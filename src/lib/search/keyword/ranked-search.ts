import type { TermPostings } from './keyword-engine';
import type { PostingList } from './posting-list';
import type { Expansion } from './term-expansion';

/** What scoring reads of an index. */
export interface ScoringView {
  /** Whether the record is in the index: a removed one's postings stay until the lists are cleaned. */
  isLive(shortId: number): boolean;
  /** Distinct words in the record's field. */
  fieldLength(shortId: number, fieldId: number): number;
  averageFieldLength: readonly number[];
  documentCount: number;
  /** The searched fields' ids and boosts. */
  fields: readonly { id: number; boost: number }[];
}

/** One query word and the terms it matches. */
export type WordMatches = readonly Expansion<TermPostings>[];

export interface ScoredRecord {
  shortId: number;
  score: number;
  /** Bit n set: the record holds query word n, exactly or not. */
  matched: number;
  /** Bit n set: the record holds query word n exactly as typed. */
  exact: number;
}

// BM25+ as minisearch computes it, with its default parameters, so rankings keep their order.
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** Scores one record's occurrences of a term in a field: everything but the record's own counts is worked out once per list. */
type ListScorer = (shortId: number, termFrequency: number) => number;

function listScorer(options: { view: ScoringView; match: Expansion<TermPostings>; field: { id: number; boost: number }; postings: PostingList }): ListScorer {
  const { view, match, field, postings } = options;
  // Postings of removed records count until the lists are cleaned, as in minisearch.
  const matching = postings.size;
  const inverseFrequency = Math.log(1 + (view.documentCount - matching + 0.5) / (matching + 0.5));
  const factor = match.weight * field.boost * inverseFrequency;
  const averageLength = view.averageFieldLength[field.id];
  return (shortId, termFrequency) => {
    const lengthNorm = 1 - B + (B * view.fieldLength(shortId, field.id)) / averageLength;
    return factor * (D + (termFrequency * (K + 1)) / (termFrequency + K * lengthNorm));
  };
}

/**
 * Scores records for query words (at most 32: one bit each): every record holding any word, or
 * with `requireAll`, only records holding every word. A record's score is the sum over the terms
 * it holds of weight × field boost × BM25+, times the number of words it holds.
 *
 * Work is bounded by the rarest word under `requireAll`: words are taken rarest first, and once the
 * records holding the first are known, a common word's terms are looked up for those records
 * instead of walking every record that holds it.
 */
export function scoreRecords(options: { view: ScoringView; words: readonly WordMatches[]; requireAll: boolean }): ScoredRecord[] {
  const { view, words, requireAll } = options;
  const order = words.map((matches, word) => ({ word, matches, cost: postingCount(matches) }));
  if (requireAll) order.sort((a, b) => a.cost - b.cost);
  const scores = new Map<number, ScoredRecord>();
  order.forEach(({ word, matches, cost }, position) => {
    const bit = 1 << word;
    const narrowing = requireAll && position > 0;
    if (narrowing && scores.size * lookupsPerRecord(matches) < cost) {
      const records = [...scores.values()];
      for (const match of matches) addFromLookup({ view, records, match, bit });
    } else {
      for (const match of matches) addFromWalk({ view, scores, match, bit, create: !narrowing });
    }
    if (narrowing) for (const [shortId, record] of scores) if (!(record.matched & bit)) scores.delete(shortId);
  });
  const results = [...scores.values()];
  for (const record of results) record.score *= bitCount(record.matched);
  return results;
}

function addFromWalk(options: { view: ScoringView; scores: Map<number, ScoredRecord>; match: Expansion<TermPostings>; bit: number; create: boolean }): void {
  const { view, scores, match, bit, create } = options;
  const exactBit = match.exact ? bit : 0;
  for (const field of view.fields) {
    const postings = match.data[field.id];
    if (!postings) continue;
    const scoreOf = listScorer({ view, match, field, postings });
    const { ids, counts } = postings.parts();
    for (let at = 0; at < ids.length; at++) {
      const shortId = ids[at];
      let record = scores.get(shortId);
      if (!record) {
        if (!create || !view.isLive(shortId)) continue;
        record = { shortId, score: 0, matched: 0, exact: 0 };
        scores.set(shortId, record);
      }
      record.score += scoreOf(shortId, counts[at]);
      record.matched |= bit;
      record.exact |= exactBit;
    }
  }
}

function addFromLookup(options: { view: ScoringView; records: readonly ScoredRecord[]; match: Expansion<TermPostings>; bit: number }): void {
  const { view, records, match, bit } = options;
  const exactBit = match.exact ? bit : 0;
  for (const field of view.fields) {
    const postings = match.data[field.id];
    if (!postings) continue;
    const scoreOf = listScorer({ view, match, field, postings });
    for (const record of records) {
      const termFrequency = postings.countIn(record.shortId);
      if (termFrequency === 0) continue;
      record.score += scoreOf(record.shortId, termFrequency);
      record.matched |= bit;
      record.exact |= exactBit;
    }
  }
}

function postingCount(matches: WordMatches): number {
  let count = 0;
  for (const match of matches) for (const postings of match.data) count += postings?.size ?? 0;
  return count;
}

/** Steps to look a record up in the word's lists: a binary search in each. */
function lookupsPerRecord(matches: WordMatches): number {
  let count = 0;
  for (const match of matches) for (const postings of match.data) if (postings) count += Math.log2(postings.size + 1);
  return count;
}

/** How many words a record's match flags hold. */
export function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest; rest &= rest - 1) count++;
  return count;
}
