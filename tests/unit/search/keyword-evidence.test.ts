import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '$lib/search/keyword/keyword-index';
import { queryTerms } from '$lib/search/keyword/keyword-options';

const index = KeywordIndex.empty();
index.put({
  id: 'boiler',
  siteId: 's1',
  title: 'Boiler repair at the community hall',
  type: 'Site visit',
  lead: 'Ben Carter',
  location: null,
  description: 'The boiler failed twice this winter.',
  notes: null,
  startDatetime: '2026-01-05T10:00:00.000Z'
});

const evidence = (query: string) => {
  const [hit] = index.search(query, { limit: 5 });
  return { matchedWords: hit?.matchedWords, exactWords: hit?.exactWords };
};

describe('keyword hits as evidence for best match', () => {
  it('counts the query words a record holds exactly', () => {
    expect(evidence('boiler repair')).toEqual({ matchedWords: 2, exactWords: 2 });
  });

  it('counts a misspelt word as matched but not exact', () => {
    expect(evidence('boilr repair')).toEqual({ matchedWords: 2, exactWords: 1 });
  });

  it('counts the word being typed, matched as a prefix, as matched but not exact', () => {
    expect(evidence('boiler repa')).toEqual({ matchedWords: 2, exactWords: 1 });
  });

  it('leaves unmatched a query word the record does not hold', () => {
    expect(evidence('boiler invoice')).toEqual({ matchedWords: 1, exactWords: 1 });
  });
});

describe('queryTerms', () => {
  it('splits a query into the words the index matches: lower case, punctuation and stop words left out', () => {
    expect(queryTerms('The boiler, and Wi-Fi!')).toEqual(['boiler', 'wi', 'fi']);
  });
});
