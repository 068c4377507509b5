import { describe, expect, it } from 'vitest';
import { highlightSegments } from '$lib/search/highlight';

const marked = (text: string, terms: string[]) =>
  highlightSegments(text, terms).filter((segment) => segment.match).map((segment) => segment.text);

describe('highlightSegments', () => {
  it('marks words starting with a term, ignoring case, and keeps the text whole', () => {
    const segments = highlightSegments('Budget review: budgets for the Board', ['budget', 'board']);
    expect(segments.map((segment) => segment.text).join('')).toBe('Budget review: budgets for the Board');
    expect(marked('Budget review: budgets for the Board', ['budget', 'board'])).toEqual(['Budget', 'budget', 'Board']);
  });

  it('does not mark a term inside another word', () => {
    expect(marked('Cardboard boxes', ['board'])).toEqual([]);
  });

  it('treats terms as text, not patterns', () => {
    expect(marked('Costs (a+b) rose', ['a.b', 'rose'])).toEqual(['rose']);
    expect(marked('c++ training', ['c++'])).toEqual(['c++']);
  });

  it('returns the text unmarked when there is nothing to mark', () => {
    expect(highlightSegments('Plain', [])).toEqual([{ text: 'Plain', match: false }]);
  });
});
