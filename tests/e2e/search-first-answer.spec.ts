import { expect, test, type Page, type Route } from '@playwright/test';
import { finderRow, waitForFinder } from './support/finder';
import { createOnServer } from './support/server-data';
import { USERS, signIn } from './support/session';
import { recordSearchStatus, statusTexts } from './support/search-status';

// Requests are held and rewritten with page routes, which a service worker would answer around.
test.use({ serviceWorkers: 'block' });

const SEARCH_BOX = 'Search interactions by their words or meaning';
const PROVISIONAL = 'Showing keyword matches; ranking by meaning is added once its model has loaded.';

/** A made-up word, so the search can only find this run's record. */
function uniqueWord(): string {
  return `zq${Math.random().toString(36).slice(2, 10).replace(/\d/g, 'x')}`;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}

async function createRecord(request: Parameters<typeof createOnServer>[0], word: string): Promise<string> {
  const title = `Boiler inspection at the ${word} depot`;
  await createOnServer(request, {
    author: USERS.ben,
    interactions: [{ title, start: '2020-06-15T10:00:00Z', description: 'Annual check of the heating plant before winter.' }]
  });
  return title;
}

test.describe('Search that answers at once', () => {
  test('a first search shows keyword rows while the model is still loading, then ranks by meaning', async ({ page, request }) => {
    test.slow();
    const word = uniqueWord();
    const title = await createRecord(request, word);
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    // The model and its runtime are held back until the keyword rows have been seen.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const hold = async (route: Route) => {
      held += 1;
      await released;
      await route.fallback();
    };
    await page.route('**/models/**', hold);
    await page.route('**/ort/**', hold);

    await recordSearchStatus(page);
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const box = page.getByRole('searchbox', { name: SEARCH_BOX });
    await box.fill(word);
    // The keyword rows come without the model: its files are still held.
    await expect(finderRow(page, title)).toBeVisible();
    await expect(page.locator('#search-status')).toHaveText(PROVISIONAL);
    // The keyword rows may come before the worker has even asked for the model (they take a few
    // milliseconds); it must ask, and its files stay held until released below.
    await expect.poll(() => held, { message: 'the model was asked for and is still held' }).toBeGreaterThan(0);
    await screenshot(page, 'keyword-first-1280');

    // The pointer is away from the list, so the ranking with meaning takes the rows' place on arrival.
    await page.mouse.move(5, 5);
    release();
    await expect(page.locator('#search-status')).not.toHaveText(PROVISIONAL, { timeout: 90_000 });
    // Meaning was used: the line is empty, or counts the records still being embedded.
    await expect(page.locator('#search-status')).toHaveText(/^$|^Indexing for meaning search/);
    await expect(finderRow(page, title)).toBeVisible();

    // Back from a record, the model is still loaded: the Finder never says it is loading again.
    await expect(page.locator('#search-status')).toHaveText('', { timeout: 60_000 });
    const seenBefore = (await statusTexts(page)).length;
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await finderRow(page, title).getByRole('link').click();
    await expect(page).toHaveURL(/\/interactions\//);
    // The pointer leaves the list, as before: rows under it would rightly wait behind "Better matches are ready".
    await page.mouse.move(5, 5);
    await page.goBack();
    await expect(finderRow(page, title)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'no full reload').toBe(true);
    // Other tests' records keep arriving on this shared server, and the device embeds each one, so the
    // line may count them; what it must not do is load the model again (checked just below).
    await expect(page.locator('#search-status')).toHaveText(/^$|^Indexing for meaning search/);
    expect((await statusTexts(page)).slice(seenBefore)).not.toContain('Loading the meaning search model…');
    expect(pageErrors).toEqual([]);
  });

  test('without a model: one plain sentence, Meaning disabled with that reason, keyword results, no page error', async ({ page, request }) => {
    const word = uniqueWord();
    const title = await createRecord(request, word);
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    // The server names a model it does not have, and the model hub is out of reach.
    await page.route('**/api/config', async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as { search?: Record<string, unknown> };
      await route.fulfill({ response, json: { ...config, search: { ...config.search, embeddingModel: 'local/no-such-model' } } });
    });
    await page.route('https://huggingface.co/**', (route) => route.abort());

    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const box = page.getByRole('searchbox', { name: SEARCH_BOX });
    await box.focus();
    const sentence = 'Meaning search is unavailable because its model could not be loaded on this device, so results match keywords only.';
    const status = page.locator('#search-status');
    await expect(status).toHaveText(sentence, { timeout: 60_000 });

    const meaning = page.getByRole('radio', { name: 'Meaning' });
    await expect(meaning).toBeDisabled();
    await expect(meaning).toHaveAccessibleDescription(sentence);

    await box.fill(word);
    await expect(page.getByRole('status').filter({ hasText: `for “${word}”` })).toBeVisible();
    await expect(finderRow(page, title)).toBeVisible();
    // Said once, plainly: no raw library error, no second "unavailable".
    const text = (await page.locator('main').innerText()).toLowerCase();
    expect(text.match(/unavailable/g)).toHaveLength(1);
    expect(text).not.toContain('local_files_only');
    await screenshot(page, 'no-model-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(status).toBeVisible();
    await screenshot(page, 'no-model-390');
    expect(pageErrors).toEqual([]);
  });
});
