/** The constant of reciprocal rank fusion: large enough that rank 1 does not drown the rest. */
export const RRF_K = 60;

export interface RankedId {
  id: string;
  siteId: string;
}

export interface FusedHit extends RankedId {
  score: number;
}

/**
 * Reciprocal rank fusion: each list gives a record 1 / (k + rank), and the sums rank the union.
 * Only ranks count, so a keyword score and a cosine similarity never need a common scale; a record
 * both lists rank well beats one that only one list ranks first.
 */
export function reciprocalRankFusion(lists: readonly (readonly RankedId[])[], k = RRF_K): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  for (const list of lists) {
    list.forEach((hit, index) => {
      const key = `${hit.siteId}/${hit.id}`;
      const entry = fused.get(key) ?? { id: hit.id, siteId: hit.siteId, score: 0 };
      entry.score += 1 / (k + index + 1);
      fused.set(key, entry);
    });
  }
  // Ties (one list's rank 3 against the other's rank 3) keep the first list's order: stable sort.
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** Hits each ranking is asked for: more than a page, so records both rank fairly well meet in the union. */
export const KEYWORD_CANDIDATES = 200;
export const SEMANTIC_CANDIDATES = 100;

/**
 * The Finder's "best match": keyword and meaning ranks fused, or the one ranking there is when
 * the other has nothing (no model loaded, or no word of the query in any record).
 */
export function hybridRanking(keyword: readonly RankedId[], semantic: readonly RankedId[] | null): RankedId[] {
  if (!semantic || semantic.length === 0) return [...keyword];
  if (keyword.length === 0) return [...semantic];
  return reciprocalRankFusion([keyword, semantic]);
}
