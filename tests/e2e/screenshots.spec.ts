import { expect, test, type Page } from '@playwright/test';
import { generateInteractions } from '../../sync-server/demo/generate-interactions';
import { finderGrid, finderRow, waitForFinder } from './support/finder';
import { field } from './support/form';
import { addLocalInteractions, type SeedInteraction } from './support/local-db';
import { USERS, signIn } from './support/session';

// Kept with the other artifacts; Playwright empties test-results/ at the start of each run.
const SHOTS = 'test-results/screenshots';

/** Thirty demo interactions, the kind of text real records have, so the layout meets long titles. */
function demoRecords(): SeedInteraction[] {
  return [...generateInteractions({ count: 30 })].map(({ interaction }) => ({
    title: interaction.title,
    type: interaction.type,
    lead: interaction.lead,
    start: interaction.startDatetime,
    location: interaction.location,
    description: interaction.description
  }));
}

async function signInWithData(page: Page): Promise<SeedInteraction[]> {
  await signIn(page, USERS.ben);
  await waitForFinder(page);
  const records = demoRecords();
  await addLocalInteractions(page, { author: USERS.ben, interactions: records });
  // Other tests' records sync in as well (the other screenshot test adds the same titles).
  const newest = [...records].sort((a, b) => b.start.localeCompare(a.start))[0];
  await expect(finderRow(page, newest.title).first()).toBeVisible();
  return records;
}

test.describe('screenshots', () => {
  test('Finder and form on a desktop', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const records = await signInWithData(page);
    await expect(finderGrid(page).locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/finder-desktop.png` });
    await page.getByRole('button', { name: /^Sync/ }).click();
    await expect(page.getByRole('region', { name: 'Sync details' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/sync-details-desktop.png` });
    await page.keyboard.press('Escape');

    const newest = [...records].sort((a, b) => b.start.localeCompare(a.start))[0];
    await finderRow(page, newest.title).first().getByRole('link').click();
    await expect(field(page, 'Title')).toHaveValue(newest.title);
    await page.screenshot({ path: `${SHOTS}/form-desktop.png`, fullPage: true });

    await page.goto('/interactions/new');
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'attention' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/form-errors-desktop.png`, fullPage: true });
  });

  test('Finder cards on a phone', async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true
    });
    try {
      const page = await context.newPage();
      await signInWithData(page);
      await expect(finderGrid(page).locator('[role="row"][aria-busy="true"]')).toHaveCount(0);
      // Nothing may stick out sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/finder-phone.png` });

      await page.getByRole('button', { name: 'Filters' }).click();
      await page.screenshot({ path: `${SHOTS}/finder-phone-filters.png` });
    } finally {
      await context.close();
    }
  });
});
