import { describe, expect, it } from 'vitest';
import { generateInteractions } from '../../../sync-server/demo/generate-interactions';
import { KeywordIndex, type KeywordFilters } from '$lib/search/keyword/keyword-index';

const demo = [...generateInteractions({ count: 300 })].map(({ interaction }) => interaction);

function built(): KeywordIndex {
  const index = KeywordIndex.empty();
  for (const { id, siteId, title, type, lead, location, description, notes, startDatetime } of demo) {
    index.put({ id, siteId, title, type, lead, location, description, notes, startDatetime });
  }
  return index;
}

const QUERIES = ['boiler repair', 'insurnace', 'volunter induction', 'gala', 'fire safety insp'];
const FILTERS: KeywordFilters[] = [
  {},
  { type: 'Meeting' },
  { lead: 'carter' },
  { from: '2026-01-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' }
];

describe('keyword index snapshot', () => {
  it('answers every query and filter as the index it was taken from, after a structured clone', () => {
    const index = built();
    const restored = KeywordIndex.fromSnapshot(structuredClone(index.snapshot()));
    expect(restored.documentCount).toBe(index.documentCount);
    const unfiltered = QUERIES.reduce((sum, query) => sum + index.search(query, { limit: 50 }).length, 0);
    for (const filters of FILTERS) {
      let hits = 0;
      for (const query of QUERIES) {
        const expected = index.search(query, { filters, limit: 50 });
        expect(restored.search(query, { filters, limit: 50 }), `${query} ${JSON.stringify(filters)}`).toEqual(expected);
        hits += expected.length;
      }
      // Each filter lets some hits through and holds some back, so both paths are compared.
      expect(hits, JSON.stringify(filters)).toBeGreaterThan(0);
      if (Object.keys(filters).length > 0) expect(hits, JSON.stringify(filters)).toBeLessThan(unfiltered);
    }
  });

  it('leaves removed records behind, and takes edits and removals after it is restored', () => {
    const index = built();
    const [first, second] = demo;
    index.remove(first.id);
    const restored = KeywordIndex.fromSnapshot(structuredClone(index.snapshot()));
    expect(restored.has(first.id)).toBe(false);
    expect(restored.documentCount).toBe(demo.length - 1);

    restored.put({ ...second, title: 'Quokka sighting', description: '', notes: null, location: null });
    expect(restored.search('quokka', { limit: 5 }).map((hit) => hit.id)).toEqual([second.id]);
    restored.remove(second.id);
    expect(restored.search('quokka', { limit: 5 })).toEqual([]);
  });
});
