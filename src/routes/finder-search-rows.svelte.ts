import type { LocalInteraction } from '$lib/db';
import { onSearchIndexChange, searchInteractions, type SearchAnswer, type SearchRequest } from '$lib/search';
import type { FinderColumnSort } from '$lib/ui/finder-url';
import { handleError } from '$lib/ui/handle-error';

// Changes arriving in a burst (a sync batch) re-run an open search once, not once per batch.
const REFRESH_DELAY_MS = 150;

/**
 * The Finder's rows while a search is typed: the ranked results, at most a few hundred, all held.
 * Runs again when the index takes in changes, so an edit or a synced record shows up in place.
 */
export class SearchRows {
  total = $state<number | null>(null);
  rows = $state.raw(new Map<number, LocalInteraction>());
  /** Words to mark in each row, by id. */
  terms = $state.raw(new Map<string, string[]>());
  semantic = $state<SearchAnswer['semantic']>('not-asked');
  error = $state<string | null>(null);
  stale = $state(false);

  #request: SearchRequest | null = null;
  #order: { sort: FinderColumnSort; siteNames: ReadonlyMap<string, string> } | null = null;
  #answer: SearchAnswer | null = null;
  #runs = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #unsubscribe = onSearchIndexChange(() => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), REFRESH_DELAY_MS);
  });

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

  destroy(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe();
  }

  #run(): void {
    const request = this.#request;
    if (!request) return;
    const run = ++this.#runs;
    this.error = null;
    searchInteractions(request).then(
      (answer) => {
        // A later keystroke started a newer search: this answer is for text no longer in the box.
        if (run !== this.#runs) return;
        this.#answer = answer;
        this.semantic = answer.semantic;
        this.terms = new Map(answer.hits.map((hit) => [hit.row.id, hit.terms]));
        this.stale = false;
        this.#show();
      },
      (failure: unknown) => {
        if (run !== this.#runs) return;
        this.stale = false;
        this.error = handleError(failure, 'searching');
      }
    );
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
