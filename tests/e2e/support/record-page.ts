import { expect, type Locator, type Page } from '@playwright/test';
import { LEEDS_SITE_ID } from './local-db';

/** The header's sync status: "Synced", "Offline · 3 unsynced", … */
export function syncStatus(page: Page): Locator {
  return page.locator('header').getByRole('status');
}

/**
 * Opens a stored interaction's form straight from its address and waits until the record has
 * loaded into it, with this title.
 */
export async function openRecord(page: Page, options: { id: string; title: string; siteId?: string }): Promise<void> {
  await page.goto(`/interactions/${options.id}?site=${options.siteId ?? LEEDS_SITE_ID}`);
  await expect(page.getByRole('heading', { name: 'Edit interaction', level: 1 })).toBeVisible();
  await expect(page.locator('form').getByLabel(/^Title\*?$/)).toHaveValue(options.title);
}

/**
 * Types after what a field holds, key by key as a person does (each key is an input event, which
 * the live form shares and stores on its own), rather than replacing the value at once.
 */
export async function typeAtEnd(field: Locator, text: string): Promise<void> {
  await field.click();
  // Control+End reaches the end of a multi-line text; in a one-line input it is the same as End.
  await field.press('Control+End');
  await field.pressSequentially(text);
}
