import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startOwnAppServer, type OwnAppServer } from './support/app-server';
import { expectNoAxeViolations } from './support/axe';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm, field } from './support/form';
import { escapeRegExp, signInWithEmail } from './support/session';

/**
 * An organisation's first day, on a deployment of its own: an empty database whose only setup is
 * the documented bootstrap command naming the first administrator. Everything after that happens
 * in the app, as the people themselves would do it.
 */

const BOSS = 'boss@org.example';
const COLLEAGUE = 'colleague@org.example';
const OBSERVER = 'observer@org.example';
const SITE = 'Harbour Outreach';
const TYPES = ['Home visit', 'Phone call', 'Training'];

let server: OwnAppServer;

test.beforeAll(async () => {
  server = await startOwnAppServer({ beforeStart: (run) => run('sync-server/cli/admin.ts', ['grant', BOSS]) });
});

test.afterAll(async () => {
  await server?.stop();
});

/** A person of their own, in a browser profile of their own, signed in with any address (development sign-in). */
async function signInAs(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const page = await signInWithEmail(browser, email, { baseURL: server.baseURL });
  await expect(page.locator('header').getByText(email.split('@')[0], { exact: true })).toBeVisible();
  return { context: page.context(), page };
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The main navigation's link to a new record, shown only to those who may create one. */
function newInteraction(page: Page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New interaction' });
}

function section(page: Page, name: string) {
  return page.getByRole('region', { name });
}

test('an organisation goes from an empty database to people working in a site, all from the app', async ({ browser }) => {
  test.setTimeout(240_000);
  const people: BrowserContext[] = [];
  try {
    // 1. The administrator named at bootstrap signs in and creates a site with its types.
    const boss = await signInAs(browser, BOSS);
    people.push(boss.context);
    await boss.page.getByRole('link', { name: 'Administration' }).click();
    await expect(boss.page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
    await expectNoAxeViolations(boss.page, 'administration (empty organisation)');
    await boss.page.getByRole('link', { name: 'New site' }).click();
    await expect(boss.page.getByRole('heading', { name: 'New site', level: 1 })).toBeVisible();
    await boss.page.getByLabel('Name', { exact: true }).fill(SITE);
    await boss.page.getByLabel('Description').fill('Outreach along the harbour front.');
    await boss.page.getByLabel('Time zone').selectOption('Europe/Dublin');
    await setTypes(boss.page, TYPES);
    await expectNoAxeViolations(boss.page, 'new site');
    await boss.page.getByRole('button', { name: 'Create site' }).click();
    await expect(boss.page.getByRole('heading', { name: SITE, level: 1 })).toBeVisible();
    const siteUrl = boss.page.url();
    await expectNoAxeViolations(boss.page, 'site administration');

    // 2. A colleague is invited as a user and an observer as a viewer; neither has signed in yet.
    await invite(boss.page, COLLEAGUE, 'user');
    await invite(boss.page, OBSERVER, 'viewer');
    const invitations = section(boss.page, 'Invitations');
    await expect(invitations.getByRole('listitem').filter({ hasText: COLLEAGUE })).toContainText('as user');
    await expect(invitations.getByRole('listitem').filter({ hasText: OBSERVER })).toContainText('as viewer');

    // 3. Each signs in, sees the site, and can do what the role allows and no more.
    const colleague = await signInAs(browser, COLLEAGUE);
    people.push(colleague.context);
    await waitForFinder(colleague.page);
    const title = 'Harbour steps repair visit';
    await createThroughForm(colleague.page, {
      title,
      type: 'Home visit',
      lead: 'Colleague',
      start: '2020-03-02T10:00',
      end: '2020-03-02T11:00'
    });
    await expect(finderRow(colleague.page, title)).toBeVisible();

    const observer = await signInAs(browser, OBSERVER);
    people.push(observer.context);
    await waitForFinder(observer.page);
    await expect(finderRow(observer.page, title)).toBeVisible();
    await expect(newInteraction(observer.page)).toHaveCount(0);
    await observer.page.getByRole('link', { name: title, exact: true }).click();
    await expect(observer.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await expect(observer.page.getByRole('button', { name: 'Save interaction' })).toHaveCount(0);

    // The administrator is the site's first admin and edits the colleague's record.
    await boss.page.goto('/');
    await waitForFinder(boss.page);
    await boss.page.getByRole('link', { name: title, exact: true }).click();
    await expect(boss.page.getByRole('heading', { name: 'Edit interaction', level: 1 })).toBeVisible();
    const editedTitle = 'Harbour steps repair visit (done)';
    // The record page saves as one types; the colleague's Finder shows the change when it has synced.
    await field(boss.page, 'Title').fill(editedTitle);
    await expect(finderRow(colleague.page, editedTitle)).toBeVisible({ timeout: 20_000 });

    // 4. The colleague is demoted to viewer, and their open app follows without a reload.
    await expect(newInteraction(colleague.page)).toBeVisible();
    await boss.page.goto(siteUrl);
    const members = section(boss.page, 'Members');
    await members.getByRole('combobox', { name: 'Role of colleague' }).selectOption('viewer');
    await expect(members.getByRole('status').filter({ hasText: 'colleague is now a viewer.' })).toBeVisible();
    await expect(newInteraction(colleague.page)).toHaveCount(0, { timeout: 20_000 });

    // 5. The observer is removed, and their device forgets the site.
    await members.getByRole('button', { name: 'Remove observer' }).click();
    await boss.page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(members.getByText(OBSERVER)).toHaveCount(0);
    await expect(members.getByRole('status').filter({ hasText: 'observer was removed from the site.' })).toBeVisible();
    await expect(observer.page.getByRole('alert').filter({ hasText: `${SITE} is no longer available to you` })).toBeVisible({
      timeout: 20_000
    });
    await expect(finderRow(observer.page, editedTitle)).toHaveCount(0);

    // 6. The record's history and the site's audit log tell each step.
    await boss.page.goto('/');
    await boss.page.getByRole('link', { name: editedTitle, exact: true }).click();
    const history = section(boss.page, 'History');
    await expect(history.getByText(new RegExp(`${escapeRegExp(title)}.*${escapeRegExp(editedTitle)}`))).toBeVisible();
    await expect(history.getByText(/colleague/)).toBeVisible();
    await expectNoAxeViolations(boss.page, 'record with history');
    await screenshots(boss.page, 'record-history');

    await boss.page.goto(siteUrl);
    const audit = section(boss.page, 'Audit log');
    for (const step of [
      `boss created the site ${SITE}.`,
      `boss invited ${COLLEAGUE} as user.`,
      `boss invited ${OBSERVER} as viewer.`,
      'colleague accepted the invitation as user.',
      'observer accepted the invitation as viewer.',
      'boss changed colleague’s role from user to viewer.',
      'boss removed observer.'
    ]) {
      await expect(audit.getByText(step, { exact: true })).toBeVisible();
    }
    await expectNoAxeViolations(boss.page, 'site administration with audit log');
    await screenshots(boss.page, 'site-administration');
  } finally {
    await Promise.all(people.map((context) => context.close()));
  }
});

/** Replaces the new site's suggested types with these. */
async function setTypes(page: Page, types: readonly string[]): Promise<void> {
  const list = page.getByRole('group', { name: 'Interaction types' });
  const remove = list.getByRole('button', { name: /^Remove / });
  while ((await remove.count()) > 0) await remove.first().click();
  for (const type of types) {
    await list.getByLabel('New type').fill(type);
    await list.getByRole('button', { name: 'Add type' }).click();
  }
  for (const [index, type] of types.entries()) await expect(list.getByLabel(`Interaction type ${index + 1}`)).toHaveValue(type);
}

async function invite(page: Page, email: string, role: 'admin' | 'user' | 'viewer'): Promise<void> {
  const form = section(page, 'Invitations');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('status').filter({ hasText: `${email} was invited as ${role}.` })).toBeVisible();
}
