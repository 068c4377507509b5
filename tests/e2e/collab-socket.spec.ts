import { expect, test, type Browser, type Page } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { LEEDS_SITE_ID } from './support/local-db';
import { createOnServer, tokenFor } from './support/server-data';
import { USERS, signIn, type DemoUser } from './support/session';

const liveRegion = (page: Page) => page.getByRole('region', { name: 'Live editing' });

/** A person's own browser with the record's form open and live. */
async function liveEditor(browser: Browser, user: DemoUser, id: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  await waitForFinder(page);
  await page.goto(`/interactions/${id}?site=${LEEDS_SITE_ID}`);
  await expect(liveRegion(page)).toContainText('Live:');
  return page;
}

test.describe('the live form', () => {
  // Two signed-in browsers and their first sync on a shared two-core machine: more time, no timing asserted.
  test.slow();

  test('keeps a composition whole while someone else edits the same text, and commits it once', async ({ browser, request }) => {
    const title = ofThisAttempt(`IME ${Math.random().toString(36).slice(2, 8)}`);
    const description = `About ${title}.`;
    const [id] = await createOnServer(request, { author: USERS.ben, interactions: [{ title, start: '2026-12-30T14:00:00.000Z', description }] });
    const ada = await liveEditor(browser, USERS.ada, id);
    const ben = await liveEditor(browser, USERS.ben, id);
    try {
      // Ada composes at the end of the description with an input method, as Chromium receives one.
      await field(ada, 'Description').click();
      await ada.keyboard.press('Control+End');
      const ime = await ada.context().newCDPSession(ada);
      await ime.send('Input.imeSetComposition', { text: 'かんじ', selectionStart: 3, selectionEnd: 3 });
      await expect(field(ada, 'Description')).toHaveValue(`${description}かんじ`);

      // Meanwhile Ben types at its start; once the server has it, so has Ada's socket.
      await field(ben, 'Description').click();
      await ben.keyboard.press('Control+Home');
      await ben.keyboard.type('Ben: ');
      const token = await tokenFor(request, USERS.ben);
      const stored = async () => {
        const response = await request.get(`/api/interactions/${id}`, { headers: { authorization: `Bearer ${token}` } });
        return ((await response.json()) as { description: string }).description;
      };
      await expect.poll(stored).toMatch(/^Ben: /);
      // Ada's composition is as she left it (her field was not rewritten under it), and its
      // half-composed text reached nobody.
      await expect(field(ada, 'Description')).toHaveValue(`${description}かんじ`);
      await expect(field(ben, 'Description')).toHaveValue(`Ben: ${description}`);

      await ime.send('Input.insertText', { text: '漢字' });
      // Committed once, where it was composed, after Ben's words.
      const merged = `Ben: ${description}漢字`;
      await expect(field(ada, 'Description')).toHaveValue(merged);
      await expect(field(ben, 'Description')).toHaveValue(merged);
      await expect.poll(stored).toBe(merged);
      // Ada's caret is still after what she committed: her next keystroke follows it.
      await ada.keyboard.type('!');
      await expect(field(ben, 'Description')).toHaveValue(`${merged}!`);
    } finally {
      await Promise.all([ada.context().close(), ben.context().close()]);
    }
  });

  test('says a record made on this device is waiting to reach the server until its first push, then goes live', async ({
    page,
    context
  }) => {
    // The server is reachable, but the record's push is held back, as on a flaky connection.
    await context.route('**/api/sync/*/push', (route) => route.abort());
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const title = ofThisAttempt('Not on the server yet');
    await createThroughForm(page, { title });
    await finderRow(page, title).getByRole('link').click();

    await expect(liveRegion(page)).toContainText('Waiting to reach the server');
    await expect(liveRegion(page)).not.toContainText('Offline');

    await context.unroute('**/api/sync/*/push');
    // Replication retries the push on its own timer; the record's first server version brings the live link.
    await expect(liveRegion(page)).toContainText('Live:', { timeout: 30_000 });
  });
});
