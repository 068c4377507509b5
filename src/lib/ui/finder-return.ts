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
