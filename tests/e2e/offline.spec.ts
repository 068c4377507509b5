import { expect, test } from '@playwright/test';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { goOffline } from './support/offline';
import { USERS, signIn, waitForServiceWorker } from './support/session';

test.describe('offline use', () => {
  test('creates an interaction, keeps it across an offline reload, and creates and edits one offline', async ({
    page,
    context
  }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);

    await createThroughForm(page, { title: 'Library partnership kick-off', location: 'Leeds Central Library' });
    await expect(finderRow(page, 'Library partnership kick-off')).toBeVisible();

    await goOffline(context, page);
    await page.reload();
    await expect(page.locator('header').getByRole('status')).toHaveText('Offline');
    await expect(page.locator('header').getByText(USERS.ben.name)).toBeVisible();
    await expect(finderRow(page, 'Library partnership kick-off')).toBeVisible();

    await createThroughForm(page, { title: 'Call with the tenants association' });
    await expect(finderRow(page, 'Call with the tenants association')).toBeVisible();

    await finderRow(page, 'Call with the tenants association').getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Edit interaction', level: 1 })).toBeVisible();
    await expect(field(page, 'Title')).toHaveValue('Call with the tenants association');
    await field(page, 'Title').fill('Call with the tenants association (rescheduled)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(finderRow(page, 'Call with the tenants association (rescheduled)')).toBeVisible();
    await expect(finderRow(page, 'Call with the tenants association')).toHaveCount(0);

    // Everything made offline is on the device, not in memory: another offline reload shows it all.
    await page.reload();
    await expect(finderRow(page, 'Library partnership kick-off')).toBeVisible();
    await expect(finderRow(page, 'Call with the tenants association (rescheduled)')).toBeVisible();
  });

  test('opens a deep link to an interaction offline after the first visit', async ({ page, context }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    await createThroughForm(page, { title: 'Site visit to the Kirkstall depot', type: 'Site visit' });
    await finderRow(page, 'Site visit to the Kirkstall depot').getByRole('link').click();
    await expect(field(page, 'Title')).toHaveValue('Site visit to the Kirkstall depot');
    const link = new URL(page.url());
    const id = link.pathname.split('/').pop();

    await goOffline(context, page);
    // A fresh tab opened straight on the link, as from a bookmark or a message.
    const tab = await context.newPage();
    await tab.goto(link.pathname + link.search);
    await expect(field(tab, 'Title')).toHaveValue('Site visit to the Kirkstall depot');
    await expect(field(tab, 'Type')).toHaveValue('Site visit');

    // A shared link does not name the site: the app looks in each of the user's sites.
    await tab.goto(`/interactions/${id}`);
    await expect(field(tab, 'Title')).toHaveValue('Site visit to the Kirkstall depot');
  });
});
