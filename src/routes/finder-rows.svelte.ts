import type { LocalInteraction } from '$lib/db';
import { afterPaint } from '$lib/ui/after-paint';
import {
  finderCountKey,
  finderQueryKey,
  observeFinderCount,
  observeFinderRows,
  type FinderWindowQuery,
  type RowWindow
} from '$lib/ui/finder-source';
import { finderTotal, type FinderTotalEstimate } from '$lib/ui/finder-total';
import { handleError } from '$lib/ui/handle-error';
import type { Subscription } from 'rxjs';

// Windows start and end on multiples of this, so scrolling a few rows does not start a new query.
const BLOCK = 50;

interface Snapshot {
  key: string;
  total: number;
  estimate: FinderTotalEstimate | null;
  rows: Map<number, LocalInteraction>;
}

// The last result, so that coming back to the Finder shows it (and its full height, which the
// browser needs to restore the scroll position) before the database has answered again.
let lastSnapshot: Snapshot | undefined;

// The last counts of recent sites and filters, so that going back to one (the filters a person
// toggles between) shows "about N" at once while it is counted again.
const lastCounts = new Map<string, number>();
const REMEMBERED_COUNTS = 20;

function rememberCount(countKey: string, count: number): void {
  lastCounts.delete(countKey);
  lastCounts.set(countKey, count);
  if (lastCounts.size > REMEMBERED_COUNTS) lastCounts.delete(lastCounts.keys().next().value!);
}

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
 *
 * The rows never wait for the count: counting walks the whole index, so it starts once the first
 * rows have been painted, and lives on while only the order changes (the count does not depend on it).
 */
export class FinderRows implements FinderRowSource {
  /** Rows matching the query; null until the first answer. Estimated while `estimate` says so. */
  total = $state<number | null>(null);
  /** How `total` was estimated while the count is on its way; null once it is the count. */
  estimate = $state<FinderTotalEstimate | null>(null);
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
  /** The rows read by the last window to answer, for estimating the total. */
  #rowsRead = 0;
  #countKey = '';
  #count: number | null = null;
  #countSubscription: Subscription | undefined;
  #cancelCountStart: (() => void) | undefined;

  /** Starts over for a new query; the same query built again is ignored. */
  setQuery(query: FinderWindowQuery): void {
    const key = finderQueryKey(query);
    if (key === this.#key) return;
    this.#query = query;
    this.#key = key;
    const countKey = finderCountKey(query);
    if (countKey !== this.#countKey) {
      this.#stopCount();
      this.#countKey = countKey;
      this.#count = null;
    }
    const cached = lastSnapshot?.key === key ? lastSnapshot : undefined;
    if (cached) {
      this.total = this.#count ?? cached.total;
      // A figure from an earlier visit, until this query is counted again.
      this.estimate = this.#count === null ? (cached.estimate ?? 'previous') : null;
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
    // The count may be what failed; it starts again after the rows.
    this.#stopCount();
    this.#load();
  }

  destroy(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.#stopCount();
  }

  #stopCount(): void {
    this.#cancelCountStart?.();
    this.#cancelCountStart = undefined;
    this.#countSubscription?.unsubscribe();
    this.#countSubscription = undefined;
  }

  /** Counts once the rows on screen have been painted, and keeps counting while the sites and filters stay. */
  #countAfterPaint(query: FinderWindowQuery): void {
    if (this.#countSubscription || this.#cancelCountStart) return;
    const countKey = this.#countKey;
    this.#cancelCountStart = afterPaint(() => {
      this.#cancelCountStart = undefined;
      this.#countSubscription = observeFinderCount(query).subscribe({
        next: (count) => {
          this.#count = count;
          rememberCount(countKey, count);
          this.#showTotal();
        },
        error: (failure: unknown) => {
          this.error = handleError(failure, 'counting interactions');
        }
      });
    });
  }

  #showTotal(): void {
    // Before the first window of a new order has answered, only a count (still live) says anything.
    const window = this.#window ?? { offset: 0, limit: 0 };
    if (!this.#window && this.#count === null) return;
    const shown = finderTotal({
      count: this.#count,
      previousCount: lastCounts.get(this.#countKey) ?? null,
      window,
      rowsRead: this.#rowsRead
    });
    this.total = shown.value;
    this.estimate = shown.estimate;
    if (lastSnapshot?.key === this.#key) lastSnapshot = { ...lastSnapshot, total: shown.value, estimate: shown.estimate };
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
    this.#subscription = observeFinderRows(query, window).subscribe({
      next: (page) => {
        this.#inFlight = false;
        this.stale = false;
        const rows = new Map(page.rows.map((row, i) => [window.offset + i, row]));
        if (page.total !== null) this.#count = page.total;
        this.#rowsRead = page.rows.length;
        this.rows = rows;
        this.#showTotal();
        lastSnapshot = { key, total: this.total ?? 0, estimate: this.estimate, rows };
        this.#countAfterPaint(query);
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
