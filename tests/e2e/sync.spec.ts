import { expect, test, type Browser, type Page } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { createOnServer, pushToServer } from './support/server-data';
import { USERS, signIn, type DemoUser } from './support/session';

async function signedInPage(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  await waitForFinder(page);
  // A first sync downloads every record of the person's sites (thousands, for Nairobi's people).
  await expect(page.locator('header').getByRole('status')).toHaveText(/Synced/, { timeout: 30_000 });
  return page;
}

// Records made here are dated late in December 2026, after every other test's, so that they are
// among the first rows the Finder shows (it renders only the rows in view).
test.describe('sync', () => {
  test('a record made by one person appears for another of the site at once, without a reload', async ({
    browser
  }) => {
    const ben = await signedInPage(browser, USERS.ben);
    const ada = await signedInPage(browser, USERS.ada);
    try {
      const title = ofThisAttempt('Boiler service visit');
      await createThroughForm(ben, { title });
      const saved = Date.now();
      await expect(finderRow(ada, title)).toBeVisible();
      // How long it took is reported, not asserted: the sync bench measures propagation (p95),
      // and a timed assertion would fail on a busy machine rather than on a slow sync.
      test.info().annotations.push({ type: 'propagation', description: `${Date.now() - saved} ms` });

      // And back: Ada's edit reaches Ben the same way.
      await finderRow(ada, title).getByRole('link').click();
      await field(ada, 'Title').fill(`${title} (done)`);
      await ada.getByRole('button', { name: 'Done' }).click();
      await expect(finderRow(ben, `${title} (done)`)).toBeVisible();
    } finally {
      await Promise.all([ben.context().close(), ada.context().close()]);
    }
  });

  test('an edit made offline arrives once the connection returns, and the status says so', async ({ browser }) => {
    const ben = await signedInPage(browser, USERS.ben);
    const ada = await signedInPage(browser, USERS.ada);
    const status = ben.locator('header').getByRole('status');
    try {
      const title = ofThisAttempt('Allotment handover');
      const edited = `${title}, keys returned`;
      await createThroughForm(ben, { title });
      await expect(finderRow(ada, title)).toBeVisible();

      await ben.context().setOffline(true);
      await expect(status).toHaveText('Offline');
      await finderRow(ben, title).getByRole('link').click();
      await field(ben, 'Title').fill(edited);
      await ben.getByRole('button', { name: 'Done' }).click();
      await expect(status).toHaveText('Offline · 1 unsynced');
      await expect(finderRow(ada, edited)).toHaveCount(0);

      await ben.context().setOffline(false);
      await expect(finderRow(ada, edited)).toBeVisible();
      await expect(status).toHaveText('Synced');

      // The details name the last sync and that nothing waits.
      await ben.getByRole('button', { name: 'Synced' }).click();
      const details = ben.getByRole('region', { name: 'Sync details' });
      await expect(details).toContainText('Last synced');
      await expect(details).toContainText('Every change made here has reached the server.');
      await ben.keyboard.press('Escape');
      await expect(details).toBeHidden();
    } finally {
      await Promise.all([ben.context().close(), ada.context().close()]);
    }
  });

  test('a first sync of many records shows its progress while the Finder fills', async ({ browser, request }) => {
    // Nairobi's records are Eve's and Dev's alone in these tests. More than one pull's worth
    // (1,000), so the download takes several batches.
    const nairobi = '517e0000-0000-4000-8000-000000000003';
    const titles = Array.from({ length: 2_500 }, (_, index) => `Clinic outreach ${String(index).padStart(4, '0')}`);
    await pushToServer(request, {
      author: USERS.eve,
      siteId: nairobi,
      interactions: titles.map((title, index) => ({ title, start: new Date(Date.UTC(2026, 0, 1, 8) + index * 3_600_000).toISOString() }))
    });

    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      // The first batch arrives; the rest waits until the test has seen the bar and the rows, so a
      // busy machine cannot let the download finish before the test looks.
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let pulls = 0;
      await page.route('**/api/sync/*/pull*', async (route) => {
        pulls += 1;
        if (pulls > 1) await released;
        await route.continue();
      });
      await signIn(page, USERS.eve);
      const progress = page.getByRole('progressbar', { name: /Downloading Nairobi Field Office: [\d,]+ of 2,5\d\d/ });
      await expect(progress).toBeVisible();
      // The Finder shows what has arrived while the rest downloads.
      await expect(page.getByText(/^[1-9][\d,]* interactions$/)).toBeVisible();
      release();
      await expect(progress).toBeHidden({ timeout: 30_000 });
      // The last batch is stored before the Finder counts it; on a busy machine that takes a while.
      await expect(page.getByText(/^2,5\d\d interactions$/)).toBeVisible({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });

  test('a person removed from a site loses it on this device, and the server keeps its records', async ({
    browser,
    request
  }) => {
    const toronto = '517e0000-0000-4000-8000-000000000002';
    const devId = '05e40000-0000-4000-8000-000000000004';
    const title = ofThisAttempt('Language class timetable');
    await createOnServer(request, {
      author: USERS.ada,
      siteId: toronto,
      interactions: [{ title, start: '2026-12-24T15:00:00Z' }]
    });
    const dev = await signedInPage(browser, USERS.dev);
    const token = ((await (await request.post('/api/auth/dev/token', { data: { email: USERS.ada.email } })).json()) as {
      access_token: string;
    }).access_token;
    const asAda = { authorization: `Bearer ${token}` };
    try {
      await expect(finderRow(dev, title)).toBeVisible();

      const revoked = await request.delete(`/api/sites/${toronto}/members/${devId}`, { headers: asAda });
      expect(revoked.status()).toBe(204);

      await expect(dev.getByRole('alert').filter({ hasText: 'Toronto Newcomer Centre is no longer available to you' })).toBeVisible();
      await expect(finderRow(dev, title)).toHaveCount(0);
      await expect(dev.getByLabel('Site', { exact: true })).toHaveCount(0);
      // Nothing was deleted on the server.
      const list = await request.get(`/api/interactions?siteId=${toronto}&limit=100`, { headers: asAda });
      expect(((await list.json()) as { items: { title: string }[] }).items.map((item) => item.title)).toContain(title);
    } finally {
      await request.put(`/api/sites/${toronto}/members/${devId}`, { headers: asAda, data: { role: 'user' } });
      await dev.context().close();
    }
  });

  test('only one tab of a browser replicates a site, and another takes over when it closes', async ({ context }) => {
    const streamsOpened = new Map<Page, number>();
    const watchStreams = (page: Page) => {
      streamsOpened.set(page, 0);
      page.on('request', (request) => {
        if (/\/api\/sync\/[^/]+\/stream$/.test(new URL(request.url()).pathname)) {
          streamsOpened.set(page, (streamsOpened.get(page) ?? 0) + 1);
        }
      });
    };
    const first = await context.newPage();
    watchStreams(first);
    await signIn(first, USERS.ben);
    await waitForFinder(first);
    const second = await context.newPage();
    watchStreams(second);
    await second.goto('/');
    await waitForFinder(second);

    // RxDB's leader election over a Web Lock: the first tab leads, the second waits.
    const statusOf = (page: Page) => page.locator('header').getByRole('status');
    await expect(statusOf(first)).toHaveText('Synced');
    await expect(statusOf(second)).toHaveText('Synced in another tab');
    expect(streamsOpened.get(second)).toBe(0);

    // The follower still sees what sync brings, through the shared local database.
    await createOnServer(second.request, {
      author: USERS.ada,
      interactions: [{ title: ofThisAttempt('Seen through the leading tab'), start: '2026-12-27T09:00:00Z' }]
    });
    await expect(finderRow(second, ofThisAttempt('Seen through the leading tab'))).toBeVisible();
    expect(streamsOpened.get(second)).toBe(0);

    await first.close();
    await expect(statusOf(second)).toHaveText('Synced', { timeout: 30_000 });
    expect(streamsOpened.get(second)).toBeGreaterThan(0);
    await createOnServer(second.request, {
      author: USERS.ada,
      interactions: [{ title: ofThisAttempt('Arrived after the takeover'), start: '2026-12-28T09:00:00Z' }]
    });
    await expect(finderRow(second, ofThisAttempt('Arrived after the takeover'))).toBeVisible();
  });

  test('edits that combine into a broken record are kept, flagged, and listed for review', async ({ browser, request }) => {
    const ben = await signedInPage(browser, USERS.ben);
    const title = ofThisAttempt('Tenants forum');
    try {
      const [id] = await createOnServer(request, {
        author: USERS.ada,
        interactions: [{ title, start: '2026-12-29T10:00:00Z' }]
      });
      await expect(finderRow(ben, title)).toBeVisible();

      // 10:00–11:00 London time (GMT in December). Offline, Ben ends it at 10:30; meanwhile Ada
      // starts it at 10:45.
      // Each edit alone is valid; different fields, so both survive the merge.
      await ben.context().setOffline(true);
      await finderRow(ben, title).getByRole('link').click();
      await field(ben, 'End').fill('2026-12-29T10:30');
      await ben.getByRole('button', { name: 'Done' }).click();
      await expect(ben).toHaveURL((url) => url.pathname === '/');
      const token = ((await (await request.post('/api/auth/dev/token', { data: { email: USERS.ada.email } })).json()) as {
        access_token: string;
      }).access_token;
      const patched = await request.patch(`/api/interactions/${id}`, {
        headers: { authorization: `Bearer ${token}` },
        data: { startDatetime: '2026-12-29T10:45:00Z' }
      });
      expect(patched.status()).toBe(200);

      // Back online, the merge has Ada's start and Ben's end: kept, and flagged for review.
      await ben.context().setOffline(false);
      await ben.getByRole('button', { name: /^Synced/ }).click();
      const details = ben.getByRole('region', { name: 'Sync details' });
      await expect(details.getByRole('heading', { name: 'Needs review' })).toBeVisible({ timeout: 30_000 });
      await details.getByRole('link', { name: title }).click();
      await expect(ben.getByRole('heading', { name: 'Edit interaction', level: 1 })).toBeVisible();
    } finally {
      await ben.context().close();
    }
  });
});
