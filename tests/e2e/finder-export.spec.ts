import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
import { expectNoAxeViolations } from './support/axe';
import { finderRow, waitForFinder } from './support/finder';
import { addLocalInteractions } from './support/local-db';
import { goOffline } from './support/offline';
import { USERS, signIn, waitForServiceWorker } from './support/session';
import { parseCsv } from '../support/parse-csv';

// The person reads times in New York while the records were kept in London's zone, so the export
// has to convert: a CSV that copied the stored text would fail the time checks below.
test.use({ timezoneId: 'America/New_York' });

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

test.describe('Finder lead filter and export (issue 15, items 5 and 16)', () => {
  test('the lead filter matches part of a name in any case, as you type, and suggests known leads', async ({ page }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const lead = ofThisAttempt('Philippa Leadwell');
    const other = ofThisAttempt('Rupert Otherby');
    const titles = ['Harbour survey', 'Budget review', 'Fire drill'].map(ofThisAttempt);
    await addLocalInteractions(page, {
      author: USERS.ben,
      interactions: [
        { title: titles[0], lead, start: '2019-05-02T09:00:00Z' },
        { title: titles[1], lead, start: '2020-11-20T14:00:00Z' },
        { title: titles[2], lead, start: '2021-03-08T10:30:00Z' },
        { title: ofThisAttempt('Not theirs'), lead: other, start: '2020-01-01T09:00:00Z' }
      ]
    });
    // Not looked for in the whole list: other tests' records can push these out of the rows drawn.
    // The lead filter below narrows the list to them.

    const leadField = page.getByLabel('Lead', { exact: true });
    // Lower case, part of the surname, and no Enter or Tab: the pause in typing applies it.
    await leadField.pressSequentially(ofThisAttempt('leadwell'), { delay: 30 });
    await expect(page.getByText('3 interactions match')).toBeVisible();
    await expect(leadField).toBeFocused();
    for (const title of titles) await expect(finderRow(page, title)).toBeVisible();
    await expect(finderRow(page, ofThisAttempt('Not theirs'))).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]lead=leadwell/);

    // The suggestions are the site's leads, gathered when the field was focused.
    await expect(page.locator(`#filter-lead-options option[value="${lead}"]`)).toHaveCount(1);
    await expect(page.locator(`#filter-lead-options option[value="${other}"]`)).toHaveCount(1);

    await expectNoAxeViolations(page, 'the Finder filtered by part of a lead');
    await screenshot(page, 'lead-filter-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: /^Filters/ }).click();
    await screenshot(page, 'lead-filter-390');
  });

  test('Export writes the listed rows to CSV offline, with the filter applied and times in the person’s zone', async ({
    page,
    context
  }) => {
    await signIn(page, USERS.ben);
    await waitForServiceWorker(page);
    await waitForFinder(page);
    const lead = ofThisAttempt('Ottoline Exportby');
    const rows = [
      {
        title: ofThisAttempt('Harbour survey, "north" quay'),
        lead,
        // 14:00 in London (BST) is 09:00 in New York (EDT).
        start: '2020-06-15T13:00:00Z',
        location: 'Quay 4, Leeds',
        description: '=HYPERLINK("http://example.test","click")\nsecond line'
      },
      { title: ofThisAttempt('Winter audit'), lead, start: '2019-12-02T15:30:00Z', description: '+44 113 496 0000' },
      { title: ofThisAttempt('Spring check'), lead, start: '2021-04-01T08:00:00Z', description: 'Plain.' }
    ];
    await addLocalInteractions(page, { author: USERS.ben, interactions: rows });
    await addLocalInteractions(page, {
      author: USERS.ben,
      interactions: [{ title: ofThisAttempt('Someone else’s'), lead: ofThisAttempt('Not Exported'), start: '2020-06-15T13:00:00Z' }]
    });
    await expect(finderRow(page, rows[0].title)).toBeVisible();

    await goOffline(context, page);
    await page.getByLabel('Lead', { exact: true }).fill(ofThisAttempt('EXPORTBY'));
    await expect(page.getByText('3 interactions match')).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^interactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.charCodeAt(0), 'a byte-order mark, so spreadsheets read UTF-8').toBe(0xfeff);
    const [header, ...lines] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'Title',
      'Type',
      'Lead',
      'Start (America/New_York)',
      'End (America/New_York)',
      'Recorded time zone',
      'Location',
      'Site',
      'Description',
      'Notes',
      'ID'
    ]);
    // Newest first, as listed.
    expect(lines.map((line) => line[0])).toEqual([rows[2].title, rows[0].title, rows[1].title]);
    const harbour = lines[1];
    expect(harbour.slice(2, 8)).toEqual([lead, '2020-06-15 09:00', '2020-06-15 10:00', 'Europe/London', 'Quay 4, Leeds', 'Leeds Community Hub']);
    expect(harbour[8], 'a formula is defused, its line break kept').toBe(`'${rows[0].description}`);
    expect(lines[2].slice(3, 5)).toEqual(['2019-12-02 10:30', '2019-12-02 11:30']);
    expect(lines[2][8]).toBe("'+44 113 496 0000");
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();

    await screenshot(page, 'export-offline-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'export-offline-390');
  });

  test('a record prints on its own, without the app around it', async ({ page }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const title = ofThisAttempt('Printable inspection');
    const lead = ofThisAttempt('Ada Printwell');
    // Filtered to its lead, so the record is drawn wherever it falls among other tests' records.
    await page.goto(`/?lead=${encodeURIComponent(lead)}`);
    await addLocalInteractions(page, {
      author: USERS.ben,
      interactions: [
        { title, lead, start: '2021-02-10T11:00:00Z', location: 'Main hall', description: 'Checked the exits.\nAll clear.' }
      ]
    });
    await finderRow(page, title).getByRole('link', { name: title }).click();
    await page.getByRole('link', { name: 'Print', exact: true }).click();

    await expect(page).toHaveURL(/\/print\?site=/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Checked the exits.')).toBeVisible();
    await expect(page.getByText('Main hall')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
    await expectNoAxeViolations(page, 'the printable record');
    await screenshot(page, 'print-view-1280');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.app-header')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await screenshot(page, 'print-paper-1280');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'print-view-390');
  });
});
