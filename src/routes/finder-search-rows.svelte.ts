import type { LocalInteraction } from '$lib/db';
import { onSearchIndexChange, searchInStages, type SearchAnswer, type SearchRequest } from '$lib/search';
import { EMPTY_VIEW, finalArrived, keywordArrived, searchStarted, showHeld, type RankingView } from '$lib/search/ranking-transition';
import type { FinderColumnSort } from '$lib/ui/finder-url';
import { handleError } from '$lib/ui/handle-error';

// Changes arriving in a burst (a sync batch) re-run an open search once, not once per batch.
const REFRESH_DELAY_MS = 150;
// With its model loaded, meaning answers within this of keywords: waiting spares the rows a reshuffle.
const KEYWORD_GRACE_MS = 200;

/** How the Finder's search stands between its two rankings, for the status line under the box. */
export const searchRanking = $state({
  /** Keyword rows are shown while the ranking with meaning is still to come. */
  provisional: false,
  /** That ranking arrived while the person was using the list, and waits for them to ask. */
  held: false
});

let liveRows: SearchRows | null = null;

/** The person is using the Finder's list: the pointer over it, focus in it, or scrolled into it. */
function finderListInUse(): boolean {
  const grid = document.querySelector('[role="grid"][aria-label="Interactions"]');
  if (!grid) return false;
  return grid.matches(':hover') || grid.contains(document.activeElement) || grid.getBoundingClientRect().top < 0;
}

/** Shows the held ranking with meaning in the Finder's list (the status line's button). */
export function showBetterMatches(): void {
  liveRows?.showBetterMatches();
}

/**
 * The Finder's rows while a search is typed: the ranked results, at most a few hundred, all held.
 * Runs again when the index takes in changes, so an edit or a synced record shows up in place.
 */
export class SearchRows {
  /** Whether the person is using the list now (pointer, focus, scrolled into it): rows must not move. */
  readonly #inUse: () => boolean;

  total = $state<number | null>(null);
  rows = $state.raw(new Map<number, LocalInteraction>());
  /** Words to mark in each row, by id. */
  terms = $state.raw(new Map<string, string[]>());
  /** For rows found by meaning alone: the passage of the record that matched best, by id. */
  passages = $state.raw(new Map<string, string>());
  semantic = $state<SearchAnswer['semantic']>('not-asked');
  error = $state<string | null>(null);
  stale = $state(false);

  #request: SearchRequest | null = null;
  #order: { sort: FinderColumnSort; siteNames: ReadonlyMap<string, string> } | null = null;
  #answer: SearchAnswer | null = null;
  #view: RankingView = EMPTY_VIEW;
  #runs = 0;
  #grace: ReturnType<typeof setTimeout> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #unsubscribe = onSearchIndexChange(() => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(true), REFRESH_DELAY_MS);
  });

  constructor(inUse: () => boolean = finderListInUse) {
    this.#inUse = inUse;
    liveRows = this;
  }

  setQuery(request: SearchRequest): void {
    if (JSON.stringify(request) === JSON.stringify(this.#request)) return;
    this.#request = request;
    this.stale = this.total !== null;
    this.#run();
  }

  /** Orders the results by a column instead of by relevance; null goes back to relevance. */
  setOrder(order: { sort: FinderColumnSort; siteNames: ReadonlyMap<string, string> } | null): void {
    this.#order = order;
    this.#show();
  }

  // Every result is held already; the grid's window needs nothing loaded.
  setRange(): void {}

  retry(): void {
    this.#run();
  }

  /** The person asked for the ranking with meaning that was held back while they used the list. */
  showBetterMatches(): void {
    this.#present(showHeld(this.#view));
  }

  destroy(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#grace);
    this.#unsubscribe();
    searchRanking.provisional = false;
    searchRanking.held = false;
    if (liveRows === this) liveRows = null;
  }

  #run(refresh = false): void {
    const request = this.#request;
    if (!request) return;
    const run = ++this.#runs;
    this.error = null;
    clearTimeout(this.#grace);
    this.#view = searchStarted(this.#view, refresh);
    const current = () => run === this.#runs;
    const fail = (failure: unknown) => {
      // A later keystroke started a newer search: this failure is for text no longer in the box.
      if (!current()) return;
      clearTimeout(this.#grace);
      this.stale = false;
      this.error = handleError(failure, 'searching');
    };
    const stages = searchInStages(request);
    stages.keyword.then((answer) => {
      if (!current()) return;
      clearTimeout(this.#grace);
      this.#grace = setTimeout(() => current() && this.#present(keywordArrived(this.#view, answer)), KEYWORD_GRACE_MS);
    }, fail);
    stages.final.then((answer) => {
      if (!current()) return;
      clearTimeout(this.#grace);
      this.#present(finalArrived(this.#view, answer, this.#inUse()));
    }, fail);
  }

  #present(view: RankingView): void {
    this.#view = view;
    searchRanking.provisional = view.provisional;
    searchRanking.held = view.held !== null;
    if (!view.shown || view.shown === this.#answer) return;
    this.#answer = view.shown;
    this.semantic = view.shown.semantic;
    this.terms = new Map(view.shown.hits.map((hit) => [hit.row.id, hit.terms]));
    this.passages = new Map(view.shown.hits.flatMap((hit) => (hit.passage ? [[hit.row.id, hit.passage] as const] : [])));
    this.stale = false;
    this.#show();
  }

  #show(): void {
    if (!this.#answer) return;
    const rows = this.#answer.hits.map((hit) => hit.row);
    if (this.#order) rows.sort(compareRows(this.#order.sort, this.#order.siteNames));
    this.rows = new Map(rows.map((row, index) => [index, row]));
    this.total = rows.length;
  }
}

function compareRows(sort: FinderColumnSort, siteNames: ReadonlyMap<string, string>) {
  const key = (row: LocalInteraction): string => {
    switch (sort.column) {
      case 'start':
        return new Date(row.startDatetime).toISOString();
      case 'site':
        return siteNames.get(row.siteId) ?? '';
      default:
        return row[sort.column] ?? '';
    }
  };
  const direction = sort.descending ? -1 : 1;
  return (a: LocalInteraction, b: LocalInteraction) => direction * key(a).localeCompare(key(b));
}
