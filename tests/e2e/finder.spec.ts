import { ofThisAttempt } from './support/attempt';
import { expect, test } from '@playwright/test';
import { finderGrid, finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { addLocalInteractions } from './support/local-db';
import { USERS, signIn } from './support/session';

test.describe('Finder', () => {
  test('keeps filters and sort in the URL, so they survive a reload', async ({ page }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    // A lead of their own: other tests' records sync into this browser too, and must not count.
    const lead = ofThisAttempt('Quentin Sortwell');
    await addLocalInteractions(page, {
      author: USERS.ben,
      interactions: [
        { title: ofThisAttempt('Charlie call'), type: 'Call', lead, start: '2026-04-01T09:00:00Z' },
        { title: ofThisAttempt('Alpha call'), type: 'Call', lead, start: '2026-04-02T09:00:00Z' },
        { title: ofThisAttempt('Bravo meeting'), type: 'Meeting', lead, start: '2026-04-03T09:00:00Z' },
        { title: ofThisAttempt('Delta call'), type: 'Call', lead, start: '2026-04-04T09:00:00Z' }
      ]
    });
    await expect(finderRow(page, ofThisAttempt('Bravo meeting'))).toBeVisible();

    await page.getByLabel('Lead', { exact: true }).fill(lead);
    await page.getByLabel('Lead', { exact: true }).press('Enter');
    await expect(page).toHaveURL(/[?&]lead=Quentin/);
    await page.getByLabel('Type', { exact: true }).selectOption('Call');
    await finderGrid(page).getByRole('columnheader', { name: 'Title' }).getByRole('button').click();
    await expect(page).toHaveURL(/[?&]type=Call/);
    await expect(page).toHaveURL(/[?&]sort=title/);
    await expect(page).toHaveURL(/[?&]dir=asc/);

    const expectFilteredAndSorted = async () => {
      await expect(page.getByLabel('Type', { exact: true })).toHaveValue('Call');
      await expect(page.getByLabel('Lead', { exact: true })).toHaveValue(lead);
      await expect(finderGrid(page).getByRole('columnheader', { name: 'Title' })).toHaveAttribute('aria-sort', 'ascending');
      await expect(page.getByText('3 interactions match')).toBeVisible();
      await expect(finderGrid(page).getByRole('row').filter({ has: page.getByRole('link') })).toHaveText([
        /Alpha call/,
        /Charlie call/,
        /Delta call/
      ]);
    };
    await expectFilteredAndSorted();
    await page.reload();
    await expectFilteredAndSorted();
  });

  test('two tabs see each other’s writes without a reload', async ({ context }) => {
    const first = await context.newPage();
    await signIn(first, USERS.ben);
    await waitForFinder(first);
    const second = await context.newPage();
    await second.goto('/');
    await waitForFinder(second);

    const written = ofThisAttempt('Written in the second tab');
    const edited = ofThisAttempt('Edited in the first tab');
    await createThroughForm(second, { title: written });
    await expect(finderRow(first, written)).toBeVisible();

    await finderRow(first, written).getByRole('link').click();
    await field(first, 'Title').fill(edited);
    await first.getByRole('button', { name: 'Done' }).click();
    await expect(finderRow(second, edited)).toBeVisible();
    await expect(finderRow(second, written)).toHaveCount(0);
  });
});
