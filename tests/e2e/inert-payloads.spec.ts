import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { finderRow, waitForFinder } from './support/finder';
import { field, fillForm, openNewForm } from './support/form';
import { LEEDS_SITE_ID } from './support/local-db';
import { openRecord } from './support/record-page';
import { watchForInjectedScripts } from './support/script-watch';
import { tokenFor } from './support/server-data';
import { USERS, signIn } from './support/session';

/** What an attacker would type into a text field, hoping another person's screen runs or breaks on it. */
const PAYLOADS = {
  script: '<script>window.__pwned=1</script>',
  image: '<img src=x onerror="window.__pwned=1">',
  svg: '"><svg onload="window.__pwned=1">',
  sql: "'; DROP TABLE interactions; --"
} as const;

interface PayloadRecord {
  title: string;
  lead: string;
  location: string;
  description: string;
  notes: string;
}

/** A made-up word in every record of this run, to search for them and for nothing else. */
function markerWord(): string {
  return `zq${[...randomBytes(6)].map((byte) => 'bcdfghjklmnpqrstvwx'[byte % 19]).join('')}`;
}

/** Every text field holds the payload, after the run's marker word. */
function recordHolding(marker: string, payload: string): PayloadRecord {
  const text = `${marker} ${payload}`;
  return { title: text, lead: text, location: text, description: text, notes: text };
}

async function createThroughApi(request: APIRequestContext, record: PayloadRecord, start: string): Promise<string> {
  const response = await request.post('/api/interactions', {
    headers: { authorization: `Bearer ${await tokenFor(request, USERS.ben)}` },
    data: {
      siteId: LEEDS_SITE_ID,
      ...record,
      type: 'Meeting',
      startDatetime: start,
      endDatetime: new Date(Date.parse(start) + 3_600_000).toISOString(),
      timezone: 'Europe/London'
    }
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Types a search and waits for its answer (the box waits for typing to pause before it searches). */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search interactions by their words or meaning' }).fill(text);
  await expect(page.getByRole('status').filter({ hasText: `for “${text}”` })).toBeVisible();
}

/** Nothing a payload could have added to the page is there. */
async function expectNoInjectedElements(page: Page): Promise<void> {
  await expect(page.locator('main script, main img[src="x"], main [onerror], main [onload]')).toHaveCount(0);
}

// In the past, below what other tests make today: each test finds its own records by what is unique
// to them (here the marker word), never by where a date puts them in another test's Finder.
const starts = ['2021-01-05T09:00:00Z', '2021-01-04T09:00:00Z', '2021-01-03T09:00:00Z', '2021-01-02T09:00:00Z'];

test.describe('text that looks like code', () => {
  test('is shown literally in the Finder, search results, form and details, and never runs', async ({ page, browser, request }) => {
    // Two people, five screens and four axe runs: more than one page's default minute.
    test.setTimeout(120_000);
    const marker = markerWord();
    const apiRecords = Object.values(PAYLOADS).map((payload) => recordHolding(marker, payload));
    const ids = await Promise.all(apiRecords.map((record, index) => createThroughApi(request, record, starts[index])));

    const watch = await watchForInjectedScripts(page);
    await signIn(page, USERS.ben);
    await waitForFinder(page);

    // Through the form as well: each field a different payload, the long fields all of them.
    const all = Object.values(PAYLOADS).join(' ');
    const typed: PayloadRecord = {
      title: `${marker} typed ${PAYLOADS.svg}`,
      lead: PAYLOADS.script,
      location: PAYLOADS.image,
      description: `${marker} ${all}`,
      notes: all
    };
    await openNewForm(page);
    await fillForm(page, { ...typed, start: '2021-01-06T09:00' });
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    const records = [typed, ...apiRecords];

    // The Finder: each row's cells read exactly as typed. Keywords alone: the meaning model is not
    // needed to find the marker, and its marks are what splits the text.
    await page.getByRole('radio', { name: 'Keywords' }).check();
    await search(page, marker);
    for (const record of records) {
      const row = finderRow(page, record.title);
      await expect(row).toBeVisible();
      await expect(row).toContainText(record.lead);
      await expect(row).toContainText(record.location);
    }
    await expectNoInjectedElements(page);
    await watch.expectNoneRan('the Finder');
    await expectNoAxeViolations(page, 'the Finder');

    // Matched words are marked inside the payloads' text; it stays text.
    await search(page, `${marker} script`);
    for (const record of records) await expect(finderRow(page, record.title)).toBeVisible();
    await expect(finderRow(page, apiRecords[0].title).locator('mark').first()).toBeVisible();
    await expectNoInjectedElements(page);
    await watch.expectNoneRan('search results');
    await expectNoAxeViolations(page, 'search results');

    // The form holds each payload as the field's value.
    await openRecord(page, { id: ids[1], title: apiRecords[1].title });
    for (const [label, key] of [['Lead', 'lead'], ['Location', 'location'], ['Description', 'description'], ['Notes', 'notes']] as const) {
      await expect(field(page, label)).toHaveValue(apiRecords[1][key]);
    }
    await expect(page).toHaveTitle(`${apiRecords[1].title} · Interactions`);
    await expectNoInjectedElements(page);
    await watch.expectNoneRan('the form');
    await expectNoAxeViolations(page, 'the form');

    // A viewer sees the record as text on the page rather than in fields.
    const viewerContext = await browser.newContext();
    try {
      const viewer = await viewerContext.newPage();
      const viewerWatch = await watchForInjectedScripts(viewer);
      await signIn(viewer, USERS.cleo);
      await waitForFinder(viewer);
      await viewer.getByRole('radio', { name: 'Keywords' }).check();
      await search(viewer, marker);
      for (const record of apiRecords) await expect(finderRow(viewer, record.title)).toBeVisible();
      for (const [index, record] of apiRecords.entries()) {
        await viewer.goto(`/interactions/${ids[index]}?site=${LEEDS_SITE_ID}`);
        await expect(viewer.getByRole('heading', { name: record.title, level: 1 })).toBeVisible();
        const main = viewer.getByRole('main');
        for (const text of [record.lead, record.location, record.description, record.notes]) await expect(main).toContainText(text);
        await expectNoInjectedElements(viewer);
        await viewerWatch.expectNoneRan(`the details of “${record.title}”`);
      }
      await expectNoAxeViolations(viewer, 'the details');
    } finally {
      await viewerContext.close();
    }
  });
});
