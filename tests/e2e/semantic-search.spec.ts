import { expect, test, type Page } from '@playwright/test';
import { finderRow, waitForFinder } from './support/finder';
import { goOffline } from './support/offline';
import { createOnServer } from './support/server-data';
import { USERS, signIn, waitForServiceWorker } from './support/session';
import { recordSearchStatus, statusTexts } from './support/search-status';

const INDEXING = /^Indexing for meaning search: [\d,]+ of the [\d,]+ interactions on this device so far$/;

/** A made-up word, so this run's record has a title no other test's record has. */
function uniqueWord(): string {
  return `zv${Math.random().toString(36).slice(2, 10).replace(/\d/g, 'k')}`;
}

async function searchByMeaning(page: Page, text: string): Promise<void> {
  await page.getByRole('radio', { name: 'Meaning' }).check();
  await page.getByRole('searchbox', { name: 'Search interactions by their words or meaning' }).fill(text);
  // The first search after a reload waits for the model to load from the cache (wasm compile).
  await expect(page.getByRole('status').filter({ hasText: `for “${text}”` })).toBeVisible({ timeout: 60_000 });
}

test.describe('Semantic search', () => {
  test('shows indexing progress, then finds a record by a paraphrase while offline', async ({ page, context, request }) => {
    // Loads a real model and embeds every record of the site in the browser.
    test.slow();
    const word = uniqueWord();
    const title = `Education committee ${word}`;
    // No word in common with the query below: only meaning can connect them.
    await createOnServer(request, {
      author: USERS.ben,
      interactions: [
        {
          title,
          // Late in December, so that it is among the first rows the Finder shows (see sync.spec.ts).
          start: '2026-12-31T10:00:00Z',
          description: 'We went through the district finances and next year’s spending plan for classrooms.'
        }
      ]
    });

    await recordSearchStatus(page);
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    await expect(finderRow(page, title)).toBeVisible();

    // A device embeds its records once its person shows they search: here, by going to the box.
    await page.getByRole('searchbox', { name: 'Search interactions by their words or meaning' }).focus();
    // The records are embedded in the background, with their progress on show, until all are done.
    // A cold model load compiles ONNX Runtime's wasm, which takes a busy machine many seconds.
    await expect
      .poll(async () => (await statusTexts(page)).some((text) => INDEXING.test(text)), { timeout: 60_000 })
      .toBe(true);
    await expect(page.locator('#search-status')).toHaveText('', { timeout: 60_000 });

    // The model and its runtime are in the service worker's cache, not only the browser's HTTP cache.
    const cached = await page.evaluate(async () =>
      (await (await caches.open('models-v1')).keys()).map((request) => new URL(request.url).pathname)
    );
    expect(cached).toEqual(
      expect.arrayContaining([
        '/models/local/universal-sentence-encoder-lite/onnx/model_quantized.onnx',
        expect.stringMatching(/^\/ort\/[\d.]+\/ort-wasm-simd-threaded\.jsep\.wasm$/)
      ])
    );

    await goOffline(context, page);
    await page.reload();
    await waitForFinder(page);
    const query = 'budget talks with the school board';
    await searchByMeaning(page, query);
    // After an offline reload the worker loads the model from the cache again first: on a busy
    // machine that alone has taken more than 30 s (the keyword rows stood in meanwhile).
    await expect(finderRow(page, title)).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('Meaning search is unavailable')).toHaveCount(0);
    // No word explains the match, so the row shows the passage that matched, under its title.
    await expect(finderRow(page, title).getByRole('gridcell').first()).toContainText(
      'Matched by meaning: We went through the district finances'
    );

    // Best match, the default, finds it too: keywords hold none of its words, so meaning leads.
    await page.getByRole('radio', { name: 'Best match' }).check();
    await expect(page.getByRole('status').filter({ hasText: `for “${query}”` })).toBeVisible({ timeout: 30_000 });
    await expect(finderRow(page, title)).toBeVisible({ timeout: 30_000 });

    // And so does a typo in each word: the keywords' fuzzy matches lead, as meaning reads it poorly.
    const typo = 'educaton comittee';
    await page.getByRole('searchbox', { name: 'Search interactions by their words or meaning' }).fill(typo);
    await expect(page.getByRole('status').filter({ hasText: `for “${typo}”` })).toBeVisible({ timeout: 30_000 });
    await expect(finderRow(page, title)).toBeVisible({ timeout: 30_000 });

    // On a phone the card grows a line for the passage, which sits inside it rather than cut off.
    await searchByMeaning(page, query);
    await page.setViewportSize({ width: 390, height: 800 });
    const passage = finderRow(page, title).getByTitle(/district finances/);
    await expect(passage).toBeVisible();
    const [card, line] = await Promise.all([finderRow(page, title).boundingBox(), passage.boundingBox()]);
    if (!card || !line) throw new Error('The card and its passage should both be laid out.');
    expect(line.y + line.height).toBeLessThanOrEqual(card.y + card.height);
    await page.screenshot({ path: test.info().outputPath('meaning-passage-390.png') });
  });
});
