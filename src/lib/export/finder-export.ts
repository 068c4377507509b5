import type { LocalInteraction } from '$lib/db';
import { fetchFinderWindow, type FinderWindowQuery } from '$lib/ui/finder-source';

// Rows read per step: small enough to report progress on a large export, large enough to be few steps.
const CHUNK = 500;

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * Every row the Finder lists for the query, in its order, read from the local database a chunk at a
 * time (so it works offline). A row that sync moves between chunks is kept once.
 */
export async function allFinderRows(
  query: FinderWindowQuery,
  onprogress: (progress: ExportProgress) => void = () => {}
): Promise<LocalInteraction[]> {
  const rows = new Map<string, LocalInteraction>();
  let total = Infinity;
  for (let offset = 0; offset < total; offset += CHUNK) {
    const page = await fetchFinderWindow(query, { offset, limit: CHUNK });
    total = page.total;
    for (const row of page.rows) if (!rows.has(row.id)) rows.set(row.id, row);
    onprogress({ done: Math.min(offset + CHUNK, total), total });
  }
  return [...rows.values()];
}

/** Hands the text to the browser as a file download; nothing leaves the device. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "interactions-2021-03-04.csv", dated in the person's own day. */
export function exportFilename(now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `interactions-${day}.csv`;
}
