import { expect, test, type Page } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
import { expectNoAxeViolations } from './support/axe';
import { finderRow, waitForFinder } from './support/finder';
import { field } from './support/form';
import { LEEDS_SITE_ID } from './support/local-db';
import { pushToServer } from './support/server-data';
import { USERS, signIn } from './support/session';

// Issue 15, items 6–9: what the Finder and the form say. Records are dated in May 2019 and found
// through the Finder's date filter, never by where they fall in the whole list.
const MAY_2019 = '/?from=2019-05-01&to=2019-05-31';

const confirmation = (page: Page) => page.getByRole('status').filter({ hasText: /^\s*(Saved|Deleted) “/ });
const pill = (page: Page) => page.locator('header').getByRole('status');

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test.describe('Finder status and confirmations', () => {
  test('a first sync shows records arriving, never "No interactions yet"', async ({ browser, request }) => {
    // At least one record to receive, whatever else the server holds.
    await pushToServer(request, {
      author: USERS.ben,
      siteId: LEEDS_SITE_ID,
      interactions: [{ title: ofThisAttempt('Seed library stocktake'), start: '2019-05-14T10:00:00Z' }]
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      // Remembers whether the empty state or a zero count was ever drawn, however briefly.
      await page.addInitScript(() => {
        const seen = (window as unknown as { sawEmpty: string[] }).sawEmpty = [] as string[];
        new MutationObserver(() => {
          const text = document.querySelector('main')?.textContent ?? '';
          for (const phrase of ['No interactions yet', '0 interactions']) if (text.includes(phrase) && !seen.includes(phrase)) seen.push(phrase);
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      // The first pull waits until the test has looked at the Finder.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/sync/*/pull*', async (route) => {
        await released;
        await route.continue();
      });
      await signIn(page, USERS.ben);
      await expect(page.locator('main p.count')).toHaveText('Receiving interactions…');
      await expect(page.getByText('Downloading interactions — they appear here as they arrive on this device.')).toBeVisible();
      await screenshot(page, 'first-sync-1280');
      release();
      await expect(page.locator('main p.count')).toHaveText(/^[1-9][\d,]* interactions?$/, { timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { sawEmpty: string[] }).sawEmpty)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('after Save and Delete the Finder opens where it was left, and says what happened', async ({ page, request }) => {
    const titles = Array.from({ length: 40 }, (_, index) => ofThisAttempt(`Spring allotment survey ${String(index).padStart(2, '0')}`));
    await pushToServer(request, {
      author: USERS.ben,
      siteId: LEEDS_SITE_ID,
      interactions: titles.map((title, index) => ({ title, start: new Date(Date.UTC(2019, 4, 2, 9) + index * 14_400_000).toISOString() }))
    });
    await signIn(page, USERS.ben, MAY_2019);
    await expect(pill(page)).toHaveText(/^Synced/, { timeout: 30_000 });
    // Newest first: the last of them heads the list.
    const newest = titles.at(-1)!;
    await expect(finderRow(page, newest)).toBeVisible();

    // At the top, offline: save, and come back to the top with the app bar and the pill in view.
    await page.context().setOffline(true);
    await expect(pill(page)).toHaveText('Offline');
    await finderRow(page, newest).getByRole('link').click();
    await field(page, 'Location').fill('Allotment gate');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(confirmation(page)).toContainText(`Saved “${newest}” on this device · will sync when online`);
    await expect(pill(page)).toHaveText('Offline · 1 unsynced');
    await expect(page.locator('header').getByRole('button', { name: 'Offline · 1 unsynced' })).toBeInViewport();
    await expect(finderRow(page, newest)).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectNoAxeViolations(page, 'the Finder with a save confirmation');
    await screenshot(page, 'saved-offline-1280');
    await page.context().setOffline(false);
    await expect(confirmation(page)).toContainText(`Saved “${newest}” · synced`, { timeout: 30_000 });
    await expect(pill(page)).toHaveText('Synced');

    // Scrolled down: delete one in view, and come back to the same place.
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const left = await page.evaluate(() => window.scrollY);
    const target = titles[30];
    await expect(finderRow(page, target)).toBeInViewport();
    await finderRow(page, target).getByRole('link').click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(confirmation(page)).toContainText(`Deleted “${target}”`);
    await expect(finderRow(page, target)).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(left);
    await expect(confirmation(page)).toContainText(`Deleted “${target}” · synced`, { timeout: 30_000 });

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'deleted-390');
  });

  test('the error summary counts and links every error, the missing site included', async ({ page }) => {
    // Ada may create at more than one site, so the form asks which.
    await signIn(page, USERS.ada, '/interactions/new');
    await expect(page.getByRole('heading', { name: 'New interaction', level: 1 })).toBeVisible();
    await field(page, 'Title').fill('');
    await page.getByRole('button', { name: 'Save interaction' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'attention' });
    const links = summary.getByRole('listitem');
    await expect(links.first()).toHaveText('Site');
    const count = await links.count();
    await expect(summary.locator('p')).toHaveText(`${count} fields need attention:`);
    // Every error under a field is in the summary: as many as the page shows.
    await expect(page.locator('[id$="-error"]')).toHaveCount(count);
    await expect(field(page, 'Site')).toBeFocused();
    await expect(field(page, 'Site')).toHaveAccessibleDescription('Choose the site this interaction belongs to.');

    await summary.getByRole('button', { name: 'Title' }).click();
    await expect(field(page, 'Title')).toBeFocused();
    await summary.getByRole('button', { name: 'Site' }).click();
    await expect(field(page, 'Site')).toBeFocused();
    await expectNoAxeViolations(page, 'the new form with every error');
    await screenshot(page, 'form-errors-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'form-errors-390');

    // Choosing a site takes it out of the summary.
    await field(page, 'Site').selectOption({ label: 'Leeds Community Hub' });
    await expect(links).toHaveCount(count - 1);
    await expect(summary.locator('p')).toHaveText(`${count - 1} fields need attention:`);
  });

  test('the count names the ranking in use, and From after To says why nothing matches', async ({ page, request }) => {
    const title = ofThisAttempt('Quince orchard grafting day');
    await pushToServer(request, {
      author: USERS.ben,
      siteId: LEEDS_SITE_ID,
      interactions: [{ title, start: '2019-05-20T10:00:00Z', description: 'Grafting quince rootstock with the volunteers.' }]
    });
    await signIn(page, USERS.ben, `${MAY_2019}&q=quince`);
    await expect(finderRow(page, title)).toBeVisible({ timeout: 30_000 });
    const count = page.locator('main p.count');
    await expect(count).toHaveText(/ results? for “quince”, best match first$/);

    await page.getByText('Keywords', { exact: true }).click();
    await expect(count).toHaveText(/ results? for “quince”, most matching words first$/);
    await expect(count).not.toContainText('best match');

    // From after To: said in the count, in the list's place and under the date fields.
    await page.goto('/?from=2021-03-12&to=2021-03-01');
    await waitForFinder(page);
    await expect(count).toHaveText('No matches: the From date is after the To date');
    await expect(page.getByText('the From date (12 Mar 2021) is after the To date (1 Mar 2021)')).toBeVisible();
    await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription('From is after To: no day falls between them.');
    await expectNoAxeViolations(page, 'the Finder with From after To');
    await screenshot(page, 'dates-reversed-1280');
    // On a phone the filters fold away; the reason stays in view.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByText('From is after To: no day falls between them.')).toBeVisible();
    await screenshot(page, 'dates-reversed-390');
    await page.getByRole('button', { name: 'Swap the dates' }).click();
    await expect(page).toHaveURL(/from=2021-03-01&to=2021-03-12/);
    await expect(count).not.toContainText('From date');
    await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'false');
  });
});
