import { SIMILARITY_FLOOR } from './semantic/similarity-floor';

export interface RankedId {
  id: string;
  siteId: string;
}

/** A keyword hit with what it says about the query: how many of its words it holds, and how. */
export interface KeywordEvidence extends RankedId {
  /** Query words matched exactly, fuzzily or as a prefix. */
  matchedWords: number;
  /** Query words held exactly as typed. */
  exactWords: number;
}

/** A meaning hit: its cosine similarity to the query (its best passage's). */
export interface MeaningEvidence extends RankedId {
  score: number;
}

export interface FusedHit extends RankedId {
  score: number;
  /** The record holds every word of the query, or is very close in meaning (see `isStrongMatch`). */
  strong: boolean;
}

export interface RankingWeights {
  keyword: number;
  meaning: number;
}

/** One query's two rankings, and how many words it has as the keyword index counts them. */
export interface RankingEvidence {
  queryWords: number;
  keyword: readonly KeywordEvidence[];
  /** Null when meaning search is unavailable. */
  meaning: readonly MeaningEvidence[] | null;
}

/** Hits each ranking is asked for: more than a page, so records both rank fairly well meet in the union. */
export const KEYWORD_CANDIDATES = 200;
export const SEMANTIC_CANDIDATES = 100;

/*
 * The thresholds below were fitted on one half of the quality set (tests/unit/search/quality: every
 * other query of each kind, embedded one record at a time) by a grid search maximising the worst
 * kind's share of the better single ranking, then that half's overall recall@10 and MRR. The other
 * half was only measured afterwards (README: Search, Quality).
 */
/** A fuzzy or prefix match is a quarter of the evidence of an exact one: it is often noise. */
const INEXACT_CREDIT = 0.25;
/**
 * Keyword evidence grows as the cube of the share of the query a record holds: all of it is full
 * evidence, half of it an eighth, since the words a paraphrase shares with a record are mostly stray.
 */
const COVERAGE_POWER = 3;
/** A meaning ranking whose best hit is this far above the floor has surely found something. */
const FULL_MARGIN = 0.2;
/** From this many words a query is a description, which keywords match only in part. */
const LONG_QUERY_WORDS = 4;
const LONG_QUERY_KEYWORD_SHARE = 0.5;
/** Rank offset of the weighted reciprocal rank: below the usual 60, so the trusted ranking's order mostly holds. */
const RANK_OFFSET = 10;
/**
 * Meaning this close is a strong match: on the fitting half, four in five meaning hits at 0.55 or
 * above were relevant, and no query about a subject no record covers reached it.
 */
export const STRONG_SIMILARITY = SIMILARITY_FLOOR + 0.25;

/**
 * How far each ranking is trusted for this query, from the keyword hit that accounts for most of
 * it. Keywords count for the cube of the share of the query's words that hit holds (a fuzzy or
 * prefix match counting a quarter), half of that for a query of four words or more, which is a
 * description. Meaning counts for how clearly its best hit clears the similarity floor, times the
 * share of the query keywords left unexplained, times the share of words not matched only fuzzily:
 * those are most likely misspelt, and a misspelt word means little to the model.
 */
export function rankingWeights({ queryWords, keyword, meaning }: RankingEvidence): RankingWeights {
  if (!meaning?.length) return { keyword: 1, meaning: 0 };
  if (keyword.length === 0) return { keyword: 0, meaning: 1 };
  const words = Math.max(1, queryWords);
  const best = keyword.reduce<KeywordEvidence | undefined>((top, hit) => (!top || share(hit) > share(top) ? hit : top), undefined);
  const covered = best ? Math.min(1, share(best) / words) : 0;
  const misspelt = best ? Math.min(1, (best.matchedWords - best.exactWords) / words) : 0;
  const margin = (meaning[0]?.score ?? SIMILARITY_FLOOR) - SIMILARITY_FLOOR;
  const clarity = Math.min(1, Math.max(0, margin / FULL_MARGIN));
  // Never both zero: a keyword hit matched at least one word, so `covered` is above zero.
  return {
    keyword: covered ** COVERAGE_POWER * (queryWords >= LONG_QUERY_WORDS ? LONG_QUERY_KEYWORD_SHARE : 1),
    meaning: clarity * (1 - covered) * (1 - misspelt)
  };
}

/**
 * The Finder's "best match": each ranking gives a record its weight / (offset + rank), and the sums
 * rank the union. Only ranks count, so a keyword score and a cosine similarity never need a common
 * scale. With one ranking empty or unavailable it is the other, in its own order.
 */
export function bestMatch(evidence: RankingEvidence): FusedHit[] {
  const { queryWords, keyword, meaning } = evidence;
  const similarity = new Map((meaning ?? []).map((hit) => [keyOf(hit), hit.score]));
  const exact = new Map(keyword.map((hit) => [keyOf(hit), hit.exactWords]));
  const weights = rankingWeights(evidence);
  const fused = new Map<string, FusedHit>();
  const add = (list: readonly RankedId[], weight: number) =>
    list.forEach((hit, index) => {
      const key = keyOf(hit);
      const entry = fused.get(key) ?? {
        id: hit.id,
        siteId: hit.siteId,
        score: 0,
        strong: isStrongMatch({ queryWords, exactWords: exact.get(key) ?? 0, similarity: similarity.get(key) })
      };
      entry.score += weight / (RANK_OFFSET + index + 1);
      fused.set(key, entry);
    });
  add(keyword, weights.keyword);
  add(meaning ?? [], weights.meaning);
  // Ties keep the keyword ranking's order: the sort is stable.
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** A record holding every word of the query as typed, or at least `STRONG_SIMILARITY` in meaning. */
export function isStrongMatch(match: { queryWords: number; exactWords: number; similarity?: number }): boolean {
  return (match.queryWords > 0 && match.exactWords >= match.queryWords) || (match.similarity ?? 0) >= STRONG_SIMILARITY;
}

/** The query words a keyword hit holds, an inexact match counting `INEXACT_CREDIT`. */
function share(hit: KeywordEvidence): number {
  return hit.exactWords + INEXACT_CREDIT * (hit.matchedWords - hit.exactWords);
}

function keyOf(hit: RankedId): string {
  return `${hit.siteId}/${hit.id}`;
}
