import type { TermPostings } from './keyword-engine';
import type { PostingList } from './posting-list';
import type { ScoreTable } from './score-table';
import type { Expansion } from './term-expansion';

/** What scoring reads of an index. */
export interface ScoringView {
  /** Whether the record is in the index: a removed one's postings stay until the lists are cleaned. */
  isLive(shortId: number): boolean;
  /** Distinct words in the record's field. */
  fieldLength(shortId: number, fieldId: number): number;
  averageFieldLength: readonly number[];
  documentCount: number;
  /** Every record number is below this one. */
  recordLimit: number;
  /** The searched fields' ids and boosts. */
  fields: readonly { id: number; boost: number }[];
}

/** One query word and the terms it matches. */
export type WordMatches = readonly Expansion<TermPostings>[];

// BM25+ as minisearch computes it, with its default parameters, so rankings keep their order.
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** Scores one record's occurrences of a term in a field: everything but the record's own counts is worked out once per list. */
interface ListScorer {
  (shortId: number, termFrequency: number): number;
  /** Above any score it gives. */
  most: number;
}

function listScorer(options: { view: ScoringView; match: Expansion<TermPostings>; field: { id: number; boost: number }; postings: PostingList }): ListScorer {
  const { view, match, field, postings } = options;
  // Postings of removed records count until the lists are cleaned, as in minisearch.
  const matching = postings.size;
  const inverseFrequency = Math.log(1 + (view.documentCount - matching + 0.5) / (matching + 0.5));
  const factor = match.weight * field.boost * inverseFrequency;
  const averageLength = view.averageFieldLength[field.id];
  const score = (shortId: number, termFrequency: number) => {
    const lengthNorm = 1 - B + (B * view.fieldLength(shortId, field.id)) / averageLength;
    return factor * (D + (termFrequency * (K + 1)) / (termFrequency + K * lengthNorm));
  };
  return Object.assign(score, { most: factor * (D + K + 1) });
}

export interface ScoringRequest {
  view: ScoringView;
  /** At most 32 words: each takes one bit of a record's match flags. */
  words: readonly WordMatches[];
  /** Only records holding every word, or records holding any. */
  requireAll: boolean;
  table: ScoreTable;
  /** Records the caller will keep: the ones that can no longer reach the best `limit` are skipped. */
  limit: number;
  accept?: (shortId: number) => boolean;
}

/**
 * Scores records for query words into `table`. A record's sum is, over the terms it holds,
 * weight × field boost × BM25+; its score is that times the number of words it holds.
 *
 * The work is bounded without changing the best `limit` records:
 * - holding every word: words are taken rarest first, and once the records holding the first are
 *   known, a common word's terms are looked up for those records instead of walked;
 * - holding any word: terms are taken by the most they can add to a record, largest first, and
 *   once the `limit`-th best score so far is more than a record not yet found could still reach
 *   with the terms left, those are looked up for the records found instead of walked. A typo that
 *   expands to a common word ("mould" to "would") no longer scores every record holding it.
 */
export function scoreRecords(request: ScoringRequest): void {
  if (request.requireAll && request.words.length > 1) scoreAll(request);
  else scoreAny(request);
}

function scoreAll({ view, words, table }: ScoringRequest): void {
  const order = words.map((matches, word) => ({ word, matches, cost: postingCount(matches) })).sort((a, b) => a.cost - b.cost);
  order.forEach(({ word, matches, cost }, position) => {
    const bit = 1 << word;
    if (position === 0) {
      for (const match of matches) addFromWalk({ view, table, match, bit, create: true });
      return;
    }
    if (table.count * lookupsPerRecord(matches) < cost) {
      const records = table.touched().slice();
      for (const match of matches) addFromLookup({ view, table, records, match, bit });
    } else {
      for (const match of matches) addFromWalk({ view, table, match, bit, create: false });
    }
    table.keepHolding(bit);
  });
}

function scoreAny({ view, words, table, limit, accept }: ScoringRequest): void {
  const lists = words
    .flatMap((matches, word) => matches.map((match) => ({ match, word, most: mostAdded(view, match), size: postingCount([match]) })))
    .sort((a, b) => b.most - a.most);
  let reachable = lists.reduce((sum, list) => sum + list.most, 0);
  const listsLeft = words.map((_, word) => lists.filter((list) => list.word === word).length);
  for (let at = 0; at < lists.length; at++) {
    const { match, word, most, size } = lists[at];
    const wordsLeft = listsLeft.filter((left) => left > 0).length;
    // Checked only before a list longer than the records found, where a lookup saves work.
    if (size > table.count && table.count >= limit && table.scoreAt(limit, accept) > reachable * wordsLeft) {
      const records = table.touched().slice();
      for (const rest of lists.slice(at)) addFromLookup({ view, table, records, match: rest.match, bit: 1 << rest.word });
      return;
    }
    addFromWalk({ view, table, match, bit: 1 << word, create: true });
    reachable -= most;
    listsLeft[word]--;
  }
}

/** The most a term can add to a record's sum: its score in each field as the count grows without bound. */
function mostAdded(view: ScoringView, match: Expansion<TermPostings>): number {
  let most = 0;
  for (const field of view.fields) {
    const postings = match.data[field.id];
    if (postings) most += listScorer({ view, match, field, postings }).most;
  }
  return most;
}

function addFromWalk(options: { view: ScoringView; table: ScoreTable; match: Expansion<TermPostings>; bit: number; create: boolean }): void {
  const { view, table, match, bit, create } = options;
  for (const field of view.fields) {
    const postings = match.data[field.id];
    if (!postings) continue;
    const scoreOf = listScorer({ view, match, field, postings });
    const { ids, counts } = postings.parts();
    for (let at = 0; at < ids.length; at++) {
      const shortId = ids[at];
      if (create ? !view.isLive(shortId) : !table.has(shortId)) continue;
      table.add({ shortId, score: scoreOf(shortId, counts[at]), bit, exact: match.exact });
    }
  }
}

function addFromLookup(options: { view: ScoringView; table: ScoreTable; records: Uint32Array; match: Expansion<TermPostings>; bit: number }): void {
  const { view, table, records, match, bit } = options;
  for (const field of view.fields) {
    const postings = match.data[field.id];
    if (!postings) continue;
    const scoreOf = listScorer({ view, match, field, postings });
    for (const shortId of records) {
      const termFrequency = postings.countIn(shortId);
      if (termFrequency > 0) table.add({ shortId, score: scoreOf(shortId, termFrequency), bit, exact: match.exact });
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
