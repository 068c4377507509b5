import { describe, expect, it } from 'vitest';
import type { LocalInteraction } from '$lib/db';
import type { SearchAnswer } from '$lib/search/search-answer';
import { EMPTY_VIEW, finalArrived, keywordArrived, searchStarted, showHeld } from '$lib/search/ranking-transition';

function answer(ids: string[], semantic: SearchAnswer['semantic']): SearchAnswer {
  return { hits: ids.map((id) => ({ row: { id } as LocalInteraction, terms: [] })), semantic };
}

const ids = (view: { shown: SearchAnswer | null }) => view.shown?.hits.map((hit) => hit.row.id) ?? null;

describe('moving from the keyword ranking to the ranking with meaning', () => {
  const keyword = answer(['a', 'b', 'c'], 'pending');
  const fused = answer(['c', 'a', 'b'], 'used');

  it('shows the keyword ranking at once, marked provisional', () => {
    const view = keywordArrived(EMPTY_VIEW, keyword);
    expect(ids(view)).toEqual(['a', 'b', 'c']);
    expect(view.provisional).toBe(true);
  });

  it('replaces the keyword rows when the person is not using the list', () => {
    const view = finalArrived(keywordArrived(EMPTY_VIEW, keyword), fused, false);
    expect(ids(view)).toEqual(['c', 'a', 'b']);
    expect(view).toMatchObject({ provisional: false, held: null });
  });

  it('holds a new order back while the person uses the list, until they ask for it', () => {
    const held = finalArrived(keywordArrived(EMPTY_VIEW, keyword), fused, true);
    expect(ids(held)).toEqual(['a', 'b', 'c']);
    expect(held.held).toBe(fused);
    const shown = showHeld(held);
    expect(ids(shown)).toEqual(['c', 'a', 'b']);
    expect(shown).toMatchObject({ provisional: false, held: null });
  });

  it('swaps in silently a ranking in the same order (meaning unavailable leaves keyword order)', () => {
    const same = answer(['a', 'b', 'c'], 'unavailable');
    const view = finalArrived(keywordArrived(EMPTY_VIEW, keyword), same, true);
    expect(view.shown).toBe(same);
    expect(view.held).toBeNull();
  });

  it('shows the final ranking directly when it comes first, and ignores the keyword one after it', () => {
    const view = keywordArrived(finalArrived(EMPTY_VIEW, fused, true), keyword);
    expect(ids(view)).toEqual(['c', 'a', 'b']);
    expect(view.provisional).toBe(false);
  });

  it('starts a new search afresh, so its answer replaces the old one even while the list is in use', () => {
    const old = finalArrived(EMPTY_VIEW, fused, false);
    const next = finalArrived(searchStarted(old, false), answer(['x'], 'used'), true);
    expect(ids(next)).toEqual(['x']);
  });

  it('refreshes a shown ranking with meaning without falling back to keywords', () => {
    const shown = finalArrived(EMPTY_VIEW, fused, false);
    const refreshed = keywordArrived(searchStarted(shown, true), answer(['b', 'a'], 'pending'));
    expect(ids(refreshed)).toEqual(['c', 'a', 'b']);
  });

  it('still holds back a ranking with meaning that a refresh brings while keyword rows are in use', () => {
    const provisional = keywordArrived(EMPTY_VIEW, keyword);
    const view = finalArrived(searchStarted(provisional, true), fused, true);
    expect(ids(view)).toEqual(['a', 'b', 'c']);
    expect(view.held).toBe(fused);
  });

  it('leaves the view as it is when nothing is held', () => {
    const view = keywordArrived(EMPTY_VIEW, keyword);
    expect(showHeld(view)).toBe(view);
  });
});
