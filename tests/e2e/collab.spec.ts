import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
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

test.describe('free text and undo', () => {
  test.slow();

  /** The record as the server stores it now, read through the REST API. */
  async function serverRecord(request: APIRequestContext, id: string): Promise<{ title: string; notes: string | null }> {
    const token = await tokenFor(request, USERS.ada);
    const response = await request.get(`/api/interactions/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.ok(), await response.text()).toBe(true);
    return response.json();
  }

  test('two people typing at the end of one title at once both keep their words, on both screens and the server', async ({
    browser,
    request
  }) => {
    const title = `Shared title ${Math.random().toString(36).slice(2, 8)}`;
    const [id] = await createOnServer(request, { author: USERS.ben, interactions: [{ title, start: '2026-12-29T10:00:00.000Z' }] });
    const ada = await editorOf(browser, USERS.ada, id);
    const ben = await editorOf(browser, USERS.ben, id);
    try {
      await expect(liveRegion(ada)).toContainText(USERS.ben.name);
      await expect(liveRegion(ben)).toContainText(USERS.ada.name);
      for (const page of [ada, ben]) {
        await field(page, 'Title').click();
        await page.keyboard.press('End');
      }
      await Promise.all([ada.keyboard.type(' adaword', { delay: 20 }), ben.keyboard.type(' benword', { delay: 20 })]);

      // Each person's word whole, neither lost nor interleaved letter by letter with the other's.
      await expect(field(ada, 'Title')).toHaveValue(/ adaword/);
      await expect(field(ada, 'Title')).toHaveValue(/ benword/);
      const merged = await field(ada, 'Title').inputValue();
      expect([`${title} adaword benword`, `${title} benword adaword`]).toContain(merged);
      await expect(field(ben, 'Title')).toHaveValue(merged);
      await expect.poll(async () => (await serverRecord(request, id)).title, { timeout: 30_000 }).toBe(merged);
    } finally {
      await Promise.all([ada.context().close(), ben.context().close()]);
    }
  });

  test('Undo my changes takes back only this person’s edits, for everyone and on the server', async ({ browser, request }) => {
    const title = `Undo ${Math.random().toString(36).slice(2, 8)}`;
    const [id] = await createOnServer(request, { author: USERS.ben, interactions: [{ title, start: '2026-12-28T10:00:00.000Z' }] });
    const ada = await editorOf(browser, USERS.ada, id);
    const ben = await editorOf(browser, USERS.ben, id);
    try {
      const notes = await field(ada, 'Notes').inputValue();
      const undo = ada.getByRole('button', { name: 'Undo my changes' });
      // Nothing of Ada's to undo yet; the form saves as she types, so there is Done, and no Save or Cancel.
      await expect(undo).toBeDisabled();
      await expect(ada.getByRole('button', { name: 'Done' })).toBeVisible();
      await expect(ada.getByRole('button', { name: /^(Save changes|Cancel)$/ })).toHaveCount(0);

      await field(ada, 'Notes').click();
      await ada.keyboard.press('End');
      await ada.keyboard.type(' Ada was here.');
      await field(ben, 'Title').click();
      await ben.keyboard.press('End');
      await ben.keyboard.type(' (Ben)');
      await expect(field(ada, 'Title')).toHaveValue(`${title} (Ben)`);
      await expect.poll(async () => (await serverRecord(request, id)).notes ?? '', { timeout: 30_000 }).toBe(`${notes} Ada was here.`);

      await undo.click();
      await expect(ada.getByRole('status').filter({ hasText: 'Your changes were undone' })).toBeVisible();
      await expect(field(ada, 'Notes')).toHaveValue(notes);
      await expect(field(ben, 'Notes')).toHaveValue(notes);
      await expect(field(ada, 'Title')).toHaveValue(`${title} (Ben)`);
      await expect(undo).toBeDisabled();
      await expectNoAxeViolations(ada, 'the live form after undoing');
      await ada.screenshot({ path: 'test-results/screenshots/live-form-undone-desktop.png', fullPage: true });
      await ada.setViewportSize({ width: 390, height: 844 });
      await ada.screenshot({ path: 'test-results/screenshots/live-form-undone-phone.png', fullPage: true });
      await expect
        .poll(async () => {
          const stored = await serverRecord(request, id);
          return [stored.title, stored.notes ?? ''];
        }, { timeout: 30_000 })
        .toEqual([`${title} (Ben)`, notes]);
    } finally {
      await Promise.all([ada.context().close(), ben.context().close()]);
    }
  });
});
