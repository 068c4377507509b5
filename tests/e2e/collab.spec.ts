import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { waitForFinder } from './support/finder';
import { field } from './support/form';
import { LEEDS_SITE_ID } from './support/local-db';
import { createOnServer, tokenFor } from './support/server-data';
import { USERS, signIn, type DemoUser } from './support/session';

async function editorOf(browser: Browser, user: DemoUser, id: string): Promise<Page> {
  const context = await browser.newContext();
  // The deleted-record view offers to copy text to the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signIn(page, user);
  await waitForFinder(page);
  // The record reaches the device through replication; the page shows it as soon as it is stored.
  await page.goto(`/interactions/${id}?site=${LEEDS_SITE_ID}`);
  await expect(field(page, 'Notes')).toBeVisible();
  return page;
}

/** Deletes a record through the REST API, as a colleague on another device would. */
async function deleteOnServer(request: APIRequestContext, options: { author: DemoUser; id: string }): Promise<void> {
  const token = await tokenFor(request, options.author);
  const response = await request.delete(`/api/interactions/${options.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.ok(), await response.text()).toBe(true);
}

const liveRegion = (page: Page) => page.getByRole('region', { name: 'Live editing' });

test.describe('live co-editing', () => {
  // Two signed-in browsers and their first sync on a shared two-core machine: more time, no timing asserted.
  test.slow();

  test('two people typing in the same notes both end with everything both typed, and see each other', async ({
    browser,
    request
  }) => {
    const title = `Live notes ${test.info().testId} ${Math.random().toString(36).slice(2, 8)}`;
    const [id] = await createOnServer(request, {
      author: USERS.ben,
      interactions: [{ title, start: '2026-12-30T10:00:00.000Z' }]
    });
    const ada = await editorOf(browser, USERS.ada, id);
    const ben = await editorOf(browser, USERS.ben, id);
    try {
      await expect(liveRegion(ada)).toContainText('Live:');
      await expect(liveRegion(ben)).toContainText('Live:');
      await expect(liveRegion(ada)).toContainText(USERS.ben.name);
      await expect(liveRegion(ben)).toContainText(USERS.ada.name);

      await field(ada, 'Notes').click();
      await field(ben, 'Notes').click();
      // Presence names the field each person is in, in words.
      await expect(liveRegion(ada)).toContainText(`${USERS.ben.name}, in Notes`);
      await expect(liveRegion(ben)).toContainText(`${USERS.ada.name}, in Notes`);

      const adaText = 'ada-alpha ada-bravo ada-charlie ';
      const benText = 'ben-xray ben-yankee ben-zulu ';
      await Promise.all([
        ada.keyboard.type(adaText, { delay: 15 }),
        ben.keyboard.type(benText, { delay: 15 })
      ]);

      // Identical on both, with each person's words whole: neither caret was moved by the other's
      // typing, or the two runs of text would be interleaved.
      await expect(field(ada, 'Notes')).toHaveValue(new RegExp(adaText));
      await expect(field(ada, 'Notes')).toHaveValue(new RegExp(benText));
      const notes = await field(ada, 'Notes').inputValue();
      await expect(field(ben, 'Notes')).toHaveValue(notes);
      expect(notes.length).toBe(adaText.length + benText.length);

      // Leaving ends the presence; the notes were saved as typed, with no Save pressed.
      await ben.getByRole('link', { name: '← All interactions' }).click();
      await expect(liveRegion(ada)).toContainText('Nobody else is editing this now.');
      await ben.goto(`/interactions/${id}?site=${LEEDS_SITE_ID}`);
      await expect(field(ben, 'Notes')).toHaveValue(notes);
    } finally {
      await Promise.all([ada.context().close(), ben.context().close()]);
    }
  });

  test('a record deleted by someone else while open says so and offers the text to copy', async ({
    browser,
    request
  }) => {
    const title = `Live delete ${test.info().testId} ${Math.random().toString(36).slice(2, 8)}`;
    const [id] = await createOnServer(request, {
      author: USERS.ben,
      interactions: [{ title, start: '2026-12-30T12:00:00.000Z' }]
    });
    const ada = await editorOf(browser, USERS.ada, id);
    try {
      await expect(liveRegion(ada)).toContainText('Live:');
      await field(ada, 'Notes').fill('Points I must not lose');
      await deleteOnServer(request, { author: USERS.ben, id });

      await expect(ada.getByText('This interaction was deleted.')).toBeVisible();
      await expect(ada.getByLabel('Your text')).toHaveValue(/Points I must not lose/);
      await ada.getByRole('button', { name: 'Copy my text' }).click();
      await expect(ada.getByText('Copied.')).toBeVisible();
      expect(await ada.evaluate(() => navigator.clipboard.readText())).toContain('Points I must not lose');
    } finally {
      await ada.context().close();
    }
  });
});
