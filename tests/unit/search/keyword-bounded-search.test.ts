import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '$lib/search/keyword/keyword-index';
import type { SearchableRecord } from '$lib/search/keyword/searchable-record';
import { MAX_EXPANSIONS } from '$lib/search/keyword/term-expansion';

function record(id: string, fields: Partial<SearchableRecord> = {}): SearchableRecord {
  return {
    id,
    siteId: 's1',
    title: '',
    type: 'Call',
    lead: 'Ben Carter',
    location: null,
    description: '',
    notes: null,
    startDatetime: '2026-01-05T10:00:00.000Z',
    ...fields
  };
}

/** Distinct made-up words: "con" followed by `length` letters spelling `n` in base 26. */
function completion(n: number, length: number): string {
  let suffix = '';
  for (let rest = n, place = 0; place < length; place++, rest = Math.floor(rest / 26)) suffix += String.fromCharCode(97 + (rest % 26));
  return `con${suffix}`;
}

describe('keyword search bounded per query', () => {
  it('keeps the nearest completions of a short prefix, which rank first anyway', () => {
    // One record per completion, all equally rare, so nearer (shorter) completions score higher:
    // as many one and two letters longer than the prefix as the cap keeps, and ten longer still.
    const perLength = [Math.floor(MAX_EXPANSIONS / 2), Math.ceil(MAX_EXPANSIONS / 2), 10];
    const words = perLength.flatMap((count, at) => Array.from({ length: count }, (_, n) => completion(n, at + 1)));
    const index = KeywordIndex.empty();
    words.forEach((word) => index.put(record(word, { title: word })));

    const hits = index.search('con', { limit: 100 });
    expect(hits).toHaveLength(MAX_EXPANSIONS);
    expect(hits.map((hit) => hit.id).sort()).toEqual(words.filter((word) => word.length <= 'con'.length + 2).sort());
    expect(hits.map((hit) => hit.id.length)).toEqual(hits.map((hit) => hit.id.length).sort((a, b) => a - b));
  });

  it('keeps the word as typed whatever the number of its expansions', () => {
    const index = KeywordIndex.empty();
    for (let n = 0; n < 40; n++) index.put(record(`near${n}`, { title: completion(n, 1) }));
    index.put(record('exact', { title: 'con' }));
    expect(index.search('con', { limit: 100 })[0]).toMatchObject({ id: 'exact', exactWords: 1 });
  });

  it('finds the records holding a rare and a common word alike, whichever comes first', () => {
    const index = KeywordIndex.empty();
    for (let n = 0; n < 300; n++) index.put(record(`common${n}`, { description: 'Weekly meeting notes' }));
    for (let n = 0; n < 3; n++) index.put(record(`both${n}`, { title: 'Dialysis transport', description: 'Weekly meeting notes' }));
    index.put(record('rare', { title: 'Dialysis rota' }));

    const rareFirst = index.search('dialysis meeting', { limit: 10 });
    const commonFirst = index.search('meeting dialysis', { limit: 10 });
    // Fewer than twenty hold both, so records holding either follow them.
    expect(rareFirst.slice(0, 3).map((hit) => hit.id).sort()).toEqual(['both0', 'both1', 'both2']);
    expect(rareFirst.slice(0, 3).every((hit) => hit.matchedWords === 2)).toBe(true);
    expect(commonFirst.map((hit) => [hit.id, hit.score])).toEqual(rareFirst.map((hit) => [hit.id, hit.score]));
  });

  it('returns only records holding every word when enough do', () => {
    const index = KeywordIndex.empty();
    for (let n = 0; n < 500; n++) index.put(record(`common${n}`, { description: 'Weekly meeting notes' }));
    for (let n = 0; n < 25; n++) index.put(record(`both${n}`, { title: 'Boiler meeting' }));
    for (let n = 0; n < 5; n++) index.put(record(`boiler${n}`, { title: 'Boiler repair' }));

    const hits = index.search('boiler meeting', { limit: 200 });
    expect(hits).toHaveLength(25);
    expect(hits.every((hit) => hit.id.startsWith('both'))).toBe(true);
  });

  it('returns the same best records when a typo reaching a common word is cut short', () => {
    // "mould" is one edit from "would", which most records hold: once the best few are known,
    // records holding only "would" cannot reach them and are not scored.
    const index = KeywordIndex.empty();
    for (let n = 0; n < 400; n++) index.put(record(`would${n}`, { description: `We would like a reply${n % 7 ? '' : ' about mould'}` }));
    for (let n = 0; n < 30; n++) index.put(record(`mould${n}`, { title: 'Mould in the bathroom', description: n % 2 ? 'It would spread' : 'Damp' }));

    for (const query of ['mould', 'moudl', 'mould bathroom', 'bathroom mould would']) {
      const everyHit = index.search(query, { limit: 10_000 });
      expect(everyHit.length, query).toBeGreaterThan(5);
      expect(index.search(query, { limit: 5 }), query).toEqual(everyHit.slice(0, 5));
    }
  });
});
