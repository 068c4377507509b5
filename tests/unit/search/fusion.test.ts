import { describe, expect, it } from 'vitest';
import { RRF_K, hybridRanking, reciprocalRankFusion } from '$lib/search/fusion';

const site = 's1';
const ids = (list: string[]) => list.map((id) => ({ id, siteId: site }));

describe('reciprocalRankFusion', () => {
  it('scores each record by the sum of 1 / (k + rank) over the lists', () => {
    const fused = reciprocalRankFusion([ids(['a', 'b']), ids(['b', 'c'])]);
    expect(fused.map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0].score).toBeCloseTo(1 / (RRF_K + 2) + 1 / (RRF_K + 1));
    expect(fused[1].score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it('puts a record both lists rank well above one that only one list ranks first', () => {
    const keyword = ids(['only-keyword', 'both', 'x', 'y']);
    const semantic = ids(['only-meaning', 'both', 'z']);
    expect(reciprocalRankFusion([keyword, semantic])[0].id).toBe('both');
  });

  it('keeps the same id in different sites apart', () => {
    const fused = reciprocalRankFusion([[{ id: 'a', siteId: 's1' }], [{ id: 'a', siteId: 's2' }]]);
    expect(fused).toHaveLength(2);
  });

  it('returns a single list in its own order', () => {
    expect(reciprocalRankFusion([ids(['c', 'a', 'b'])]).map((hit) => hit.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('hybridRanking', () => {
  it('fuses both rankings when both have hits', () => {
    expect(hybridRanking(ids(['a', 'b']), ids(['b', 'c'])).map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
  });

  it('is the keyword ranking when meaning is unavailable or finds nothing', () => {
    expect(hybridRanking(ids(['a', 'b']), null).map((hit) => hit.id)).toEqual(['a', 'b']);
    expect(hybridRanking(ids(['a', 'b']), []).map((hit) => hit.id)).toEqual(['a', 'b']);
  });

  it('is the meaning ranking when no word of the query is in any record', () => {
    expect(hybridRanking([], ids(['c', 'a'])).map((hit) => hit.id)).toEqual(['c', 'a']);
  });
});
