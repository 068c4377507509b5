import { expect, test } from '@playwright/test';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm } from './support/form';
import { USERS, signIn } from './support/session';

test.describe('sessions', () => {
  test('two people use the app side by side, each with their own session and data', async ({ browser }) => {
    const benContext = await browser.newContext();
    const adaContext = await browser.newContext();
    try {
      const ben = await benContext.newPage();
      const ada = await adaContext.newPage();
      await Promise.all([signIn(ben, USERS.ben), signIn(ada, USERS.ada)]);
      await Promise.all([waitForFinder(ben), waitForFinder(ada)]);

      // Ada belongs to two sites and can pick between them; Ben has one.
      await expect(ada.getByLabel('Site', { exact: true })).toContainText('Toronto Newcomer Centre');
      await expect(ben.getByLabel('Site', { exact: true })).toHaveCount(0);

      await createThroughForm(ben, { title: 'Ben’s supplier call', type: 'Call' });
      await createThroughForm(ada, { site: 'Leeds Community Hub', title: 'Ada’s governance review', lead: 'Ada Lindqvist' });

      await expect(finderRow(ben, 'Ben’s supplier call')).toBeVisible();
      await expect(finderRow(ada, 'Ada’s governance review')).toBeVisible();
      // Both belong to Leeds, so each sees the other's record arrive without a reload.
      await expect(finderRow(ben, 'Ada’s governance review')).toBeVisible();
      await expect(finderRow(ada, 'Ben’s supplier call')).toBeVisible();
      await expect(ben.locator('header').getByText(USERS.ben.name)).toBeVisible();
      await expect(ada.locator('header').getByText(USERS.ada.name)).toBeVisible();
    } finally {
      await Promise.all([benContext.close(), adaContext.close()]);
    }
  });
});
