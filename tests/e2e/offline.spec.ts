import { expect, test } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
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

    const kickOff = ofThisAttempt('Library partnership kick-off');
    const call = ofThisAttempt('Call with the tenants association');
    const rescheduled = `${call} (rescheduled)`;
    await createThroughForm(page, { title: kickOff, location: 'Leeds Central Library' });
    await expect(finderRow(page, kickOff)).toBeVisible();

    await goOffline(context, page);
    await page.reload();
    await expect(page.locator('header').getByRole('status')).toHaveText('Offline');
    await expect(page.locator('header').getByText(USERS.ben.name)).toBeVisible();
    await expect(finderRow(page, kickOff)).toBeVisible();

    await createThroughForm(page, { title: call });
    await expect(finderRow(page, call)).toBeVisible();

    await finderRow(page, call).getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Edit interaction', level: 1 })).toBeVisible();
    await expect(field(page, 'Title')).toHaveValue(call);
    await field(page, 'Title').fill(rescheduled);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(finderRow(page, rescheduled)).toBeVisible();
    await expect(finderRow(page, call)).toHaveCount(0);

    // Everything made offline is on the device, not in memory: another offline reload shows it all.
    await page.reload();
    await expect(finderRow(page, kickOff)).toBeVisible();
    await expect(finderRow(page, rescheduled)).toBeVisible();
  });

  test('opens a deep link to an interaction offline after the first visit', async ({ page, context }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    const title = ofThisAttempt('Site visit to the Kirkstall depot');
    await createThroughForm(page, { title, type: 'Site visit' });
    await finderRow(page, title).getByRole('link').click();
    await expect(field(page, 'Title')).toHaveValue(title);
    const link = new URL(page.url());
    const id = link.pathname.split('/').pop();

    await goOffline(context, page);
    // A fresh tab opened straight on the link, as from a bookmark or a message.
    const tab = await context.newPage();
    await tab.goto(link.pathname + link.search);
    await expect(field(tab, 'Title')).toHaveValue(title);
    await expect(field(tab, 'Type')).toHaveValue('Site visit');

    // A shared link does not name the site: the app looks in each of the user's sites.
    await tab.goto(`/interactions/${id}`);
    await expect(field(tab, 'Title')).toHaveValue(title);
  });
});
