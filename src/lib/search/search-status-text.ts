import type { SearchMode } from './search-modes';
import type { SemanticStatusMessage, UnavailableCause } from './semantic/worker-protocol';

export interface SearchStatusInput {
  semantic: Pick<SemanticStatusMessage, 'state' | 'done' | 'total' | 'cause'>;
  mode: SearchMode;
  /** Whether the search shown ranked by meaning; null while no search is shown. */
  semanticUsed: boolean | null;
  /** Keyword rows stand in while the ranking with meaning is still to come. */
  provisional: boolean;
  /** The ranking with meaning is ready and waits for the person to ask for it. */
  held: boolean;
}

const WHY_UNAVAILABLE: Record<UnavailableCause, string> = {
  'no-model': 'its model could not be loaded on this device',
  'no-worker': 'this browser cannot run it',
  failed: 'its model stopped working'
};

const numbers = new Intl.NumberFormat('en');

/**
 * The line under the search box: one plain sentence on where meaning search stands, or nothing.
 * Technical causes go to the console (see semantic-status.svelte.ts), never here.
 */
export function searchStatusText({ semantic, mode, semanticUsed, provisional, held }: SearchStatusInput): string {
  if (semantic.state === 'unavailable') {
    const why = WHY_UNAVAILABLE[semantic.cause ?? 'failed'];
    return `Meaning search is unavailable because ${why}${mode === 'keyword' ? '.' : ', so results match keywords only.'}`;
  }
  if (mode === 'keyword') return '';
  if (held) return 'Better matches, ranked with meaning, are ready.';
  if (provisional) return 'Showing keyword matches; ranking by meaning is added once its model has loaded.';
  // The search could not use meaning though the model has not said why (yet).
  if (semanticUsed === false) return 'Meaning search is unavailable, so results match keywords only.';
  if (semantic.state === 'indexing') {
    // The total is what this device holds so far, and grows while a sync brings more: said as such,
    // "8 of 407" after "0 of 143" reads as progress, not as a counter that jumped.
    return `Indexing for meaning search: ${numbers.format(semantic.done)} of the ${numbers.format(semantic.total)} interactions on this device so far`;
  }
  // Only while a search waits on it: keywords answer without it, so an idle Finder need not say so
  // (a reload loads the model again from the device's cache, which used to read as a wait each visit).
  if (semantic.state === 'loading' && semanticUsed !== null) return 'Loading the meaning search model…';
  return '';
}
