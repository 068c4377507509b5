import { describe, expect, it } from 'vitest';
import { STRONG_SIMILARITY, bestMatch, isStrongMatch, rankingWeights, type KeywordEvidence, type MeaningEvidence } from '$lib/search/fusion';
import { SIMILARITY_FLOOR } from '$lib/search/semantic/similarity-floor';

const site = 's1';
/** Keyword hits that each hold `exact` of the query's words exactly and `inexact` more fuzzily. */
const keywordHits = (ids: string[], exact: number, inexact = 0) =>
  ids.map((id) => ({ id, siteId: site, exactWords: exact, matchedWords: exact + inexact }));
const meaningHits = (ids: string[], best = 0.6) => ids.map((id, index) => ({ id, siteId: site, score: best - index * 0.01 }));
const weightsOf = (queryWords: number, keyword: KeywordEvidence[], meaning: MeaningEvidence[] | null) =>
  rankingWeights({ queryWords, keyword, meaning });
const fuse = (queryWords: number, keyword: KeywordEvidence[], meaning: MeaningEvidence[] | null) => bestMatch({ queryWords, keyword, meaning });
const order = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('rankingWeights', () => {
  it('trusts keywords alone when one record holds every word of a short query exactly', () => {
    const weights = weightsOf(2, keywordHits(['a'], 2), meaningHits(['b']));
    expect(weights).toEqual({ keyword: 1, meaning: 0 });
  });

  it('trusts meaning over keywords when no record holds the query words', () => {
    const weights = weightsOf(3, keywordHits(['a'], 0, 1), meaningHits(['b']));
    expect(weights.meaning).toBeGreaterThan(weights.keyword);
  });

  it('counts a long query`s keyword share for less: a description is matched only in part', () => {
    const short = weightsOf(3, keywordHits(['a'], 2), meaningHits(['b']));
    const long = weightsOf(6, keywordHits(['a'], 4), meaningHits(['b']));
    expect(long.keyword).toBeLessThan(short.keyword);
  });

  it('trusts meaning less when query words are matched only fuzzily, as misspelt words are', () => {
    const fuzzy = weightsOf(2, keywordHits(['a'], 1, 1), meaningHits(['b']));
    const missing = weightsOf(2, keywordHits(['a'], 1), meaningHits(['b']));
    expect(fuzzy.meaning).toBeLessThan(missing.meaning);
  });

  it('gives meaning no weight when its best hit is at the similarity floor', () => {
    expect(weightsOf(3, keywordHits(['a'], 1), meaningHits(['b'], SIMILARITY_FLOOR)).meaning).toBe(0);
  });
});

describe('bestMatch', () => {
  it('keeps the keyword order when keywords explain the whole query', () => {
    const fused = fuse(2, keywordHits(['a', 'b', 'c'], 2), meaningHits(['c', 'x']));
    expect(order(fused).slice(0, 3)).toEqual(['a', 'b', 'c']);
  });

  it('follows meaning when keywords match only a stray word of a description', () => {
    const fused = fuse(5, keywordHits(['noise-1', 'noise-2'], 0, 1), meaningHits(['m1', 'm2']));
    expect(order(fused).slice(0, 2)).toEqual(['m1', 'm2']);
  });

  it('puts a record both rankings find above one only a single ranking finds first, when both are trusted', () => {
    const fused = fuse(2, keywordHits(['only-keyword', 'both'], 1), meaningHits(['only-meaning', 'both']));
    expect(fused[0].id).toBe('both');
  });

  it('is the keyword ranking when meaning is unavailable or finds nothing', () => {
    expect(order(fuse(2, keywordHits(['a', 'b'], 1), null))).toEqual(['a', 'b']);
    expect(order(fuse(2, keywordHits(['a', 'b'], 1), []))).toEqual(['a', 'b']);
  });

  it('is the meaning ranking when no word of the query is in any record', () => {
    expect(order(fuse(2, [], meaningHits(['c', 'a'])))).toEqual(['c', 'a']);
  });

  it('keeps the same id in different sites apart', () => {
    const fused = fuse(1, [{ id: 'a', siteId: 's1', exactWords: 1, matchedWords: 1 }], [{ id: 'a', siteId: 's2', score: 0.5 }]);
    expect(fused).toHaveLength(2);
  });

  it('marks as strong a record holding every query word, or very close in meaning, and nothing else', () => {
    const fused = fuse(2, [...keywordHits(['all-words'], 2), ...keywordHits(['one-word'], 1)], [
      { id: 'close', siteId: site, score: STRONG_SIMILARITY + 0.01 },
      { id: 'near', siteId: site, score: STRONG_SIMILARITY - 0.01 }
    ]);
    const strong = new Map(fused.map((hit) => [hit.id, hit.strong]));
    expect(Object.fromEntries(strong)).toEqual({ 'all-words': true, 'one-word': false, close: true, near: false });
  });
});

describe('isStrongMatch', () => {
  it('never calls an empty query strong', () => {
    expect(isStrongMatch({ queryWords: 0, exactWords: 0 })).toBe(false);
  });
});
