import { keyedRows, renderedRows, rowsPerPage, scrollTopFor, visibleRange } from './virtual-window';

export interface VirtualWindowOptions {
  /** Read reactively: the height of every row, in pixels. */
  rowHeight: () => number;
  /** Read reactively: how many rows the list has, loaded or not. */
  total: () => number;
  /** Read reactively: the record shown at a position, if loaded. */
  idAt: (index: number) => string | undefined;
}

/**
 * The rows of a page-scrolled list that are near the screen, and the active row (the one keyboard
 * focus is on or returns to). Measures where the list is on each scroll, resize and layout change.
 */
export class VirtualWindow {
  /** The element holding the rows, laid out at `total * rowHeight` pixels high. */
  body = $state<HTMLElement>();
  /** A sticky header covering the top rows, if any. */
  header = $state<HTMLElement>();
  active = $state(0);
  #scrolled = $state(0);
  #viewportHeight = $state(800);
  #options: VirtualWindowOptions;
  #frame = 0;

  readonly first: number;
  readonly last: number;
  /** The rows to render, each with the key its element keeps. */
  readonly rows: { index: number; key: string }[];

  constructor(options: VirtualWindowOptions) {
    this.#options = options;
    const range = $derived(
      visibleRange({
        scrolled: this.#scrolled,
        viewportHeight: this.#viewportHeight,
        rowHeight: options.rowHeight(),
        total: options.total()
      })
    );
    // Apart, so that what follows the range hears only a change of either end, not every scroll.
    this.first = $derived(range.first);
    this.last = $derived(range.last);
    this.rows = $derived(keyedRows(renderedRows(range, this.active, options.total()), options.idAt));
    // A new query or fewer rows can leave the active row past the end.
    $effect(() => {
      const total = options.total();
      if (this.active >= total) this.active = Math.max(0, total - 1);
    });
  }

  /** Reads where the list is, once per frame however many events ask. */
  measure = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (!this.body) return;
      this.#scrolled = -this.body.getBoundingClientRect().top;
      this.#viewportHeight = window.innerHeight;
    });
  };

  /** Starts measuring; the returned function stops. */
  observe(): () => void {
    this.measure();
    // Content above the list (filters, notices) moves it without any scroll event.
    const observer = new ResizeObserver(this.measure);
    observer.observe(document.body);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(this.#frame);
    };
  }

  /** Makes a row the active one, within the list, and scrolls it into view; returns its position. */
  activate(index: number, align: 'nearest' | 'center'): number {
    this.active = Math.max(0, Math.min(this.#options.total() - 1, index));
    this.#scrollTo(this.active, align);
    return this.active;
  }

  /** The rows Page Up and Page Down move by. */
  pageRows(): number {
    return rowsPerPage(window.innerHeight, this.#options.rowHeight());
  }

  #scrollTo(index: number, align: 'nearest' | 'center'): void {
    if (!this.body) return;
    const rowHeight = this.#options.rowHeight();
    const top = scrollTopFor({
      rowTop: this.body.getBoundingClientRect().top + window.scrollY + index * rowHeight,
      rowHeight,
      scrollY: window.scrollY,
      viewportHeight: window.innerHeight,
      covered: this.header && getComputedStyle(this.header).position === 'sticky' ? this.header.offsetHeight : 0,
      align
    });
    if (top !== null) window.scrollTo({ top });
    this.measure();
  }
}
