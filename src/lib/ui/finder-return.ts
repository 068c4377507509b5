import { withHighlight } from './finder-url';

// Per tab, like the history it stands in for: another tab keeps its own Finder view.
const KEY = 'ims.finder.search';

/** Remembers the Finder's query string, so the form can return to the same view. */
export function rememberFinderSearch(search: string): void {
  try {
    sessionStorage.setItem(KEY, search);
  } catch {
    // Storage can be unavailable (private modes, quota); returning to the default view is fine.
  }
}

/** The Finder as it was last seen in this tab, optionally highlighting an interaction. */
export function finderReturnUrl(highlight?: string): string {
  let search = '';
  try {
    search = sessionStorage.getItem(KEY) ?? '';
  } catch {
    search = '';
  }
  return `/${highlight ? withHighlight(search, highlight) : search}`;
}

const SCROLL_KEY = 'ims.finder.scroll';

/** Remembers how far down the Finder was scrolled when the person left it for a record. */
export function rememberFinderScroll(top: number): void {
  try {
    sessionStorage.setItem(SCROLL_KEY, String(Math.max(0, Math.round(top))));
  } catch {
    // As above: without storage the Finder opens at the top, which is the fallback anyway.
  }
}

/** Where the Finder was scrolled when last left in this tab; the top when unknown. */
export function finderScrollToRestore(): number {
  try {
    const top = Number(sessionStorage.getItem(SCROLL_KEY));
    return Number.isFinite(top) && top > 0 ? top : 0;
  } catch {
    return 0;
  }
}
