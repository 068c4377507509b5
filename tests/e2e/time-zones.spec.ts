import { expect, test, type Locator, type Page } from '@playwright/test';
import { NAIROBI, TORONTO } from '../../sync-server/demo/demo-directory';
import { wallTimeToInstant } from '../../src/lib/domain/zoned-time';
import { ofThisAttempt } from './support/attempt';
import { expectNoAxeViolations } from './support/axe';
import { finderRow, waitForFinder } from './support/finder';
import { addLocalInteractions } from './support/local-db';
import { USERS, signIn } from './support/session';

// The config reads in en-GB from London: every record below is kept in another zone, or in summer
// time, so a cell that showed the viewer's zone, or the stored instant, would fail.
const SEARCH_BOX = 'Search interactions by their words or meaning';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** The instant the form's Start names, in the zone it shows. */
async function startInstant(page: Page): Promise<number> {
  const wall = await page.getByRole('textbox', { name: 'Start', exact: true }).inputValue();
  const zone = await page.getByRole('combobox', { name: 'Timezone', exact: true }).inputValue();
  const instant = wallTimeToInstant(wall, zone);
  expect(instant, `${wall} in ${zone}`).not.toBeNull();
  return Date.parse(instant!.iso);
}

/**
 * Why the part of a Start cell is cut (ellipsis) or sticks out of its cell; null when it is whole.
 * Measured in one go: rows are re-rendered as a search's ranking arrives.
 */
function cut(part: Locator): Promise<string | null> {
  return part.evaluate((node) => {
    const cell = node.closest('.cell')!.getBoundingClientRect();
    const box = node.getBoundingClientRect();
    if (node.scrollWidth > node.clientWidth) return `text ${node.scrollWidth}px wide in ${node.clientWidth}px`;
    if (box.right > cell.right + 0.5) return 'past the cell’s edge';
    return null;
  });
}

test.describe('Time zones (issue 15, item 10)', () => {
  test('the new record’s zone follows the site chosen, until the person picks a zone themself', async ({ page }) => {
    await signIn(page, USERS.dev, `/interactions/new?site=${TORONTO.id}`);
    const zone = page.getByRole('combobox', { name: 'Timezone', exact: true });
    const site = page.getByRole('combobox', { name: 'Site', exact: true });
    await expect(zone).toHaveValue('America/Toronto');
    const suggested = await startInstant(page);

    await site.selectOption({ label: NAIROBI.name });
    await expect(zone).toHaveValue('Africa/Nairobi');
    // The suggested start is the same coming hour, now told in Nairobi's wall time.
    expect(await startInstant(page)).toBe(suggested);

    // The person's own choice of zone wins over the site chosen after it.
    await zone.fill('Asia/Dubai');
    await site.selectOption({ label: TORONTO.name });
    await expect(site).toHaveValue(TORONTO.id);
    await expect(zone).toHaveValue('Asia/Dubai');
    await site.selectOption({ label: NAIROBI.name });
    await expect(zone).toHaveValue('Asia/Dubai');
    await screenshot(page, 'new-record-zone-1280');
  });

  test('the Finder shows Start in the record’s zone with a whole abbreviation, and the full zone on hover and to screen readers', async ({
    page
  }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const word = ofThisAttempt('Quillmarsh');
    const records = [
      { title: `${word} summer visit`, start: '2020-06-10T09:00:00Z', timezone: 'Europe/London', shown: '10 Jun 2020, 10:00', abbreviation: 'BST', full: 'British Summer Time (Europe/London)' },
      { title: `${word} clinic round`, start: '2019-11-05T07:30:00Z', timezone: 'Africa/Nairobi', shown: '5 Nov 2019, 10:30', abbreviation: 'EAT', full: 'East Africa Time (Africa/Nairobi)' },
      { title: `${word} partner call`, start: '2021-01-14T23:00:00Z', timezone: 'Australia/Sydney', shown: '15 Jan 2021, 10:00', abbreviation: 'AEDT', full: 'Australian Eastern Daylight Time (Australia/Sydney)' },
      { title: `${word} board meeting`, start: '2020-03-02T04:30:00Z', timezone: 'Asia/Kolkata', shown: '2 Mar 2020, 10:00', abbreviation: 'IST', full: 'India Standard Time (Asia/Kolkata)' }
    ];
    await addLocalInteractions(page, { author: USERS.ben, interactions: records });
    await page.getByRole('searchbox', { name: SEARCH_BOX }).fill(word);
    for (const record of records) await expect(finderRow(page, record.title)).toBeVisible();

    const check = async (width: number) => {
      for (const record of records) {
        const cell = finderRow(page, record.title).locator('.cell.start');
        const zone = cell.locator('.start-zone');
        await expect(zone).toHaveText(record.abbreviation);
        await expect(cell.locator('.start-when')).toHaveText(record.shown);
        await expect(cell).toHaveAttribute('title', new RegExp(`^${record.full.replace(/[()]/g, '\\$&')} · your time: `));
        await expect(cell.locator('.visually-hidden')).toHaveText(record.full);
        await expect.poll(() => cut(zone), `${record.abbreviation} whole at ${width}px`).toBeNull();
        await expect.poll(() => cut(cell.locator('.start-when')), `${record.shown} whole at ${width}px`).toBeNull();
      }
    };
    await check(1280);
    await expectNoAxeViolations(page, 'the Finder with times in four zones');
    await screenshot(page, 'finder-zones-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await check(390);
    await screenshot(page, 'finder-zones-390');
  });
});

test.describe('Time zones in a wider format (issue 15, item 10)', () => {
  // US English adds "AM"/"PM" and a comma after the day: the longest common form must still fit.
  test.use({ locale: 'en-US' });

  test('a 12-hour US time with a four-letter abbreviation is shown whole in the Start column', async ({ page }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const word = ofThisAttempt('Wendlebury');
    const title = `${word} late call`;
    await addLocalInteractions(page, {
      author: USERS.ben,
      interactions: [{ title, start: '2020-12-30T01:45:00Z', timezone: 'Australia/Sydney' }]
    });
    await page.getByRole('searchbox', { name: SEARCH_BOX }).fill(word);
    const cell = finderRow(page, title).locator('.cell.start');
    await expect(cell.locator('.start-when')).toHaveText('Dec 30, 2020, 12:45 PM');
    await expect(cell.locator('.start-zone')).toHaveText('AEDT');
    await expect.poll(() => cut(cell.locator('.start-zone'))).toBeNull();
    await expect.poll(() => cut(cell.locator('.start-when'))).toBeNull();
  });
});
