import { expect, type Locator, type Page } from '@playwright/test';

/** The Finder's table (desktop) or cards (phone): one ARIA grid either way. */
export function finderGrid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Interactions' });
}

/** The Finder row showing the interaction with exactly this title. */
export function finderRow(page: Page, title: string): Locator {
  return finderGrid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

/** The titles of the loaded rows, in the order shown (rows are positioned; aria-rowindex orders them). */
export async function visibleTitles(page: Page): Promise<string[]> {
  return finderGrid(page)
    .locator('[role="row"][aria-rowindex]')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({
          index: Number(row.getAttribute('aria-rowindex')),
          title: row.querySelector('[role="gridcell"] a')?.textContent?.trim()
        }))
        .filter((row): row is { index: number; title: string } => Boolean(row.title))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.title)
    );
}

/** Waits for the Finder to have answered: a count, or the empty state. */
export async function waitForFinder(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Interactions', level: 1 })).toBeVisible();
  await expect(page.getByText(/^\d[\d,]* interactions?( match)?$|No interactions yet|No matches/).first()).toBeVisible();
}
