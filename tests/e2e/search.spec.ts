import { expect, test, type Page } from '@playwright/test';
import { finderGrid, finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { goOffline } from './support/offline';
import { USERS, signIn, waitForServiceWorker } from './support/session';

/** A made-up word no other record holds, so the search can only find this run's record. */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = 'qu';
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

/** The word with one letter changed, as a person might mistype it. */
function misspelt(word: string): string {
  const at = 4;
  return word.slice(0, at) + (word[at] === 'y' ? 'z' : 'y') + word.slice(at + 1);
}

/** Types a search and waits for its answer (the box waits for typing to pause before it searches). */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search interactions by their words or meaning' }).fill(text);
  await expect(page.getByRole('status').filter({ hasText: `for “${text}”` })).toBeVisible();
}

test.describe('Finder search, offline', () => {
  test('finds a record by a misspelt word, marks the match, and ranks by keywords only on request', async ({ page, context }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    const word = uniqueWord();
    const title = `Boiler service at the ${word} depot`;
    await createThroughForm(page, { title });
    await expect(finderRow(page, title)).toBeVisible();

    await goOffline(context, page);
    await page.reload();
    await waitForFinder(page);
    await search(page, `${misspelt(word)} boiler`);
    await expect(finderRow(page, title)).toBeVisible();
    await expect(finderRow(page, title).locator('mark').first()).toHaveText(/boiler/i);

    // The ranking switch is a radio group: reachable and operable from the keyboard.
    const keywords = page.getByRole('radio', { name: 'Keywords' });
    await page.getByRole('radio', { name: 'Best match' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(keywords).toBeChecked();
    await expect(page).toHaveURL(/mode=keyword/);
    await expect(finderRow(page, title)).toBeVisible();
  });

  test('finds a record edited offline by its new words, and no longer by the old ones', async ({ page, context }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    const before = uniqueWord();
    const after = uniqueWord();
    const title = `Tenant visit ${uniqueWord()}`;
    await createThroughForm(page, { title, description: `Damp reported in the ${before} flat.` });

    await goOffline(context, page);
    await page.reload();
    await waitForFinder(page);
    await search(page, before);
    await expect(finderRow(page, title)).toBeVisible();

    await finderRow(page, title).getByRole('link').click();
    await field(page, 'Description').fill(`Mould treated by the ${after} contractor.`);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');

    await search(page, after);
    await expect(finderRow(page, title)).toBeVisible();
    // Words only: a made-up word means nothing, so only the keyword index can say it is gone.
    await page.getByRole('radio', { name: 'Keywords' }).check();
    await search(page, before);
    await expect(page.getByText(/No matches/)).toBeVisible();
    await expect(finderGrid(page)).toHaveCount(0);
  });
});
