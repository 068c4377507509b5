import { expect, test } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
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

      const bensCall = ofThisAttempt('Ben’s supplier call');
      const adasReview = ofThisAttempt('Ada’s governance review');
      await createThroughForm(ben, { title: bensCall, type: 'Call' });
      await createThroughForm(ada, { site: 'Leeds Community Hub', title: adasReview, lead: 'Ada Lindqvist' });

      await expect(finderRow(ben, bensCall)).toBeVisible();
      await expect(finderRow(ada, adasReview)).toBeVisible();
      // Both belong to Leeds, so each sees the other's record arrive without a reload.
      await expect(finderRow(ben, adasReview)).toBeVisible();
      await expect(finderRow(ada, bensCall)).toBeVisible();
      await expect(ben.locator('header').getByText(USERS.ben.name)).toBeVisible();
      await expect(ada.locator('header').getByText(USERS.ada.name)).toBeVisible();
    } finally {
      await Promise.all([benContext.close(), adaContext.close()]);
    }
  });
});
