import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '$lib/search/keyword/keyword-index';
import type { SearchableRecord } from '$lib/search/keyword/searchable-record';
import { adjacentTranspositions } from '$lib/search/keyword/typo-variants';

function record(id: string, title: string): SearchableRecord {
  return { id, siteId: 's1', title, type: 'Call', lead: 'Ben Carter', location: null, description: '', notes: null, startDatetime: '2026-01-05T10:00:00.000Z' };
}

function indexOf(...records: SearchableRecord[]): KeywordIndex {
  const index = KeywordIndex.empty();
  records.forEach((each) => index.put(each));
  return index;
}

const found = (index: KeywordIndex, query: string) => index.search(query, { limit: 10 }).map((hit) => hit.id);

describe('adjacentTranspositions', () => {
  it('swaps each pair of neighbouring letters once', () => {
    expect(adjacentTranspositions('teh')).toEqual(['eth', 'the']);
    expect(adjacentTranspositions('recieve')).toContain('receive');
  });

  it('skips a pair of equal letters, which swapped is the word itself', () => {
    expect(adjacentTranspositions('boot')).toEqual(['obot', 'boto']);
  });
});

describe('keyword search with two letters swapped', () => {
  const index = indexOf(
    record('receive', 'Did not receive the invoice'),
    record('insurance', 'Insurance renewal'),
    record('van', 'Van hire'),
    record('trail', 'Nature trail survey'),
    record('trial', 'Trial of the new rota')
  );

  it('finds a seven-letter word with one swap, as one edit', () => {
    expect(found(index, 'recieve')).toEqual(['receive']);
  });

  it('finds a nine-letter word with one swap', () => {
    expect(found(index, 'insurnace')).toEqual(['insurance']);
  });

  it('finds a short word with one swap, where a substitution is not enough', () => {
    expect(found(index, 'vna')).toEqual(['van']);
    expect(found(index, 'can')).toEqual([]);
  });

  it('counts a swapped word as matched, not as held exactly', () => {
    const [hit] = index.search('recieve', { limit: 1 });
    expect(hit).toMatchObject({ matchedWords: 1, exactWords: 0, terms: ['receive'] });
  });

  it('ranks the word as typed above the word it becomes when swapped', () => {
    expect(found(index, 'trail')).toEqual(['trail', 'trial']);
    expect(found(index, 'trial')).toEqual(['trial', 'trail']);
  });
});
