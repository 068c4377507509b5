/** Rows rendered beyond each edge of the screen, so a short scroll shows no blank rows. */
export const OVERSCAN = 8;

/** A list of rows of one height, of which only those near the screen are rendered. */
export interface WindowGeometry {
  /** Pixels of the row area above the top of the viewport (negative while it starts below). */
  scrolled: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
}

/** The first and last rows (inclusive) on screen or within the overscan; last < first when there are none. */
export function visibleRange({ scrolled, viewportHeight, rowHeight, total }: WindowGeometry): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(scrolled / rowHeight) - OVERSCAN),
    last: Math.min(total - 1, Math.ceil((scrolled + viewportHeight) / rowHeight) + OVERSCAN)
  };
}

/**
 * The rows to render: the range, and the active row wherever it is, since it may hold focus and
 * focus must not vanish with it.
 */
export function renderedRows(range: { first: number; last: number }, active: number, total: number): number[] {
  const indices: number[] = [];
  for (let i = range.first; i <= range.last; i++) indices.push(i);
  if (active < total && (active < range.first || active > range.last)) indices.push(active);
  return indices;
}

/**
 * Each rendered row keyed by its record, so a row element always shows one record: when a synced
 * record lands above it, the element moves down with its record instead of showing the new one
 * under a pointer about to click it. Rows still loading (or a record briefly at two positions
 * while windows refresh) are keyed by position.
 */
export function keyedRows(indices: readonly number[], idAt: (index: number) => string | undefined): { index: number; key: string }[] {
  const seen = new Set<string>();
  return indices.map((index) => {
    const id = idAt(index);
    const key = id !== undefined && !seen.has(id) ? id : `#${index}`;
    if (id !== undefined) seen.add(id);
    return { index, key };
  });
}

export interface RowScroll {
  /** The row's top, in page coordinates. */
  rowTop: number;
  rowHeight: number;
  scrollY: number;
  viewportHeight: number;
  /** Pixels at the top of the viewport hidden under a sticky header. */
  covered: number;
  /** Just enough to show the row, or the row in the middle of the screen. */
  align: 'nearest' | 'center';
}

/** Where to scroll the page to show a row; null when it is in view already. */
export function scrollTopFor({ rowTop, rowHeight, scrollY, viewportHeight, covered, align }: RowScroll): number | null {
  if (align === 'center') return rowTop - (viewportHeight - rowHeight) / 2;
  if (rowTop < scrollY + covered) return rowTop - covered;
  if (rowTop + rowHeight > scrollY + viewportHeight) return rowTop + rowHeight - viewportHeight;
  return null;
}

/** How far Page Up and Page Down move: a screen less one row, so the last row seen stays in view. */
export function rowsPerPage(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}
