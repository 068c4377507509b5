import type { SearchAnswer } from './search-answer';

/**
 * What the Finder shows of one search while its two rankings arrive: the keyword ranking answers
 * at once, the fused (best match) or meaning ranking only once the model has loaded, which on a
 * new device takes many seconds.
 *
 * The design: the keyword rows show at once, marked provisional. When the ranking that uses meaning
 * arrives it replaces them, unless the person is using the list (pointer over it, focus in it, or
 * scrolled into it): rows must never move under their pointer. Then it is held, and the person is
 * offered it ("Better matches are ready — Show them"); nothing moves until they ask. A ranking in
 * the same order as the rows shown replaces them silently, as nothing visible moves.
 */
export interface RankingView {
  /** The answer on screen; null until the first one arrives. */
  shown: SearchAnswer | null;
  /** `shown` is the keyword ranking standing in for one that uses meaning, still to come. */
  provisional: boolean;
  /** The ranking that uses meaning, held back while the person uses the list. */
  held: SearchAnswer | null;
}

export const EMPTY_VIEW: RankingView = { shown: null, provisional: false, held: null };

/**
 * A search starts: a new one from nothing, a refresh of the same one (the index took in changes)
 * from what is shown, so that it neither falls back to keywords nor moves rows the person is using.
 */
export function searchStarted(view: RankingView, refresh: boolean): RankingView {
  if (!refresh) return EMPTY_VIEW;
  return { shown: view.shown, provisional: view.provisional, held: null };
}

/** The keyword ranking arrived first: shown at once, unless the final ranking beat it. */
export function keywordArrived(view: RankingView, keyword: SearchAnswer): RankingView {
  if (view.shown && !view.provisional) return view;
  return { shown: keyword, provisional: true, held: null };
}

/** The final ranking (fused with meaning, or keyword-only when meaning was not asked for or failed). */
export function finalArrived(view: RankingView, final: SearchAnswer, inUse: boolean): RankingView {
  if (!view.shown || !view.provisional || !inUse || sameOrder(view.shown, final)) {
    return { shown: final, provisional: false, held: null };
  }
  return { ...view, held: final };
}

/** The person asked for the held ranking, or a new search began over it. */
export function showHeld(view: RankingView): RankingView {
  return view.held ? { shown: view.held, provisional: false, held: null } : view;
}

function sameOrder(a: SearchAnswer, b: SearchAnswer): boolean {
  return a.hits.length === b.hits.length && a.hits.every((hit, index) => hit.row.id === b.hits[index].row.id);
}
