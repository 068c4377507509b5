import type { LocalInteraction } from '$lib/db';
import { finderQueryKey, observeFinderWindow, type FinderWindowQuery, type RowWindow } from '$lib/ui/finder-source';
import { handleError } from '$lib/ui/handle-error';
import type { Subscription } from 'rxjs';

// Windows start and end on multiples of this, so scrolling a few rows does not start a new query.
const BLOCK = 50;

interface Snapshot {
  key: string;
  total: number;
  rows: Map<number, LocalInteraction>;
}

// The last result, so that coming back to the Finder shows it (and its full height, which the
// browser needs to restore the scroll position) before the database has answered again.
let lastSnapshot: Snapshot | undefined;

/** What the grid reads rows from: the list, or a search's results. */
export interface FinderRowSource {
  rows: ReadonlyMap<number, LocalInteraction>;
  /** Which rows are on screen (overscan included). */
  setRange(first: number, last: number): void;
}

/**
 * The Finder's rows by position, loaded a window at a time from the live query API. Only the rows
 * around what is on screen are held; a window follows the scroll position, at most one query at a
 * time, so a fast scroll over 100k rows asks for where it ends up, not for everything it passed.
 */
export class FinderRows implements FinderRowSource {
  /** Rows matching the query; null until the first answer. */
  total = $state<number | null>(null);
  rows = $state.raw(new Map<number, LocalInteraction>());
  error = $state<string | null>(null);
  /** The rows shown are the previous query's, kept until the new one answers to avoid a flash. */
  stale = $state(false);

  #query: FinderWindowQuery | null = null;
  #key = '';
  #window: RowWindow | null = null;
  #wanted = { first: 0, last: 0 };
  #subscription: Subscription | undefined;
  #inFlight = false;

  /** Starts over for a new query; the same query built again is ignored. */
  setQuery(query: FinderWindowQuery): void {
    const key = finderQueryKey(query);
    if (key === this.#key) return;
    this.#query = query;
    this.#key = key;
    const cached = lastSnapshot?.key === key ? lastSnapshot : undefined;
    if (cached) {
      this.total = cached.total;
      this.rows = cached.rows;
    }
    this.stale = !cached && this.total !== null;
    this.#window = null;
    this.#load();
  }

  /** Tells which rows are on screen (overscan included); loads them when they are not held. */
  setRange(first: number, last: number): void {
    this.#wanted = { first, last };
    if (!this.#covers(this.#wanted) && !this.#inFlight) this.#load();
  }

  retry(): void {
    this.#load();
  }

  destroy(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }

  #covers({ first, last }: { first: number; last: number }): boolean {
    const window = this.#window;
    if (!window) return false;
    const end = window.offset + window.limit;
    return first >= window.offset && (last < end || (this.total !== null && end >= this.total));
  }

  #load(): void {
    const query = this.#query;
    if (!query) return;
    const offset = Math.max(0, Math.floor((this.#wanted.first - BLOCK) / BLOCK) * BLOCK);
    const end = Math.ceil((this.#wanted.last + 1 + BLOCK) / BLOCK) * BLOCK;
    const window = { offset, limit: end - offset };
    const key = this.#key;
    this.#subscription?.unsubscribe();
    this.#window = window;
    this.#inFlight = true;
    this.error = null;
    this.#subscription = observeFinderWindow(query, window).subscribe({
      next: (page) => {
        this.#inFlight = false;
        this.stale = false;
        const rows = new Map(page.rows.map((row, i) => [window.offset + i, row]));
        this.total = page.total;
        this.rows = rows;
        lastSnapshot = { key, total: page.total, rows };
        // The person scrolled on while this window loaded.
        if (!this.#covers(this.#wanted)) this.#load();
      },
      error: (failure: unknown) => {
        this.#inFlight = false;
        this.stale = false;
        this.error = handleError(failure, 'loading interactions');
      }
    });
  }
}
