import { expect, test as base, type Page } from '@playwright/test';
import { startOwnAppServer, type OwnAppServer } from './support/app-server';
import { expectNoAxeViolations } from './support/axe';
import { USERS, signIn, signInWithEmail } from './support/session';

/**
 * The administration screens on a demo server of this spec's own: they create sites and add demo
 * people to them, which on the shared server would change what every other spec's people see
 * (Ben with a second site is asked to pick one). Ada is an organisation administrator there; a site
 * admin who is not one is made here, by invitation. Names carry Date.now(), so the tests of this
 * file do not meet each other's sites.
 */
const test = base.extend<object, { demoServer: OwnAppServer }>({
  demoServer: [
    async ({}, use) => {
      const server = await startOwnAppServer({ demoData: true });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' }
  ],
  baseURL: async ({ demoServer }, use) => use(demoServer.baseURL)
});

const SHOTS = 'test-results/screenshots';

function section(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [390, 844]
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${width === 1280 ? 'desktop' : 'phone'}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Creates a site through the form as the signed-in organisation administrator; returns its page's URL. */
async function createSite(page: Page, name: string, types: string[]): Promise<string> {
  await page.goto('/admin');
  await page.getByRole('link', { name: 'New site' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New site' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Time zone').selectOption('Europe/Lisbon');
  const editor = page.getByRole('group', { name: 'Interaction types' });
  // Start from an empty list: the form suggests the default types.
  while ((await editor.getByRole('button', { name: /^Remove / }).count()) > 0) {
    await editor.getByRole('button', { name: /^Remove / }).first().click();
  }
  for (const type of types) {
    await page.getByLabel('New type').fill(type);
    await page.getByLabel('New type').press('Enter');
  }
  await page.getByRole('button', { name: 'Create site' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url();
}

test.describe('administration screens', () => {
  test('an organisation administrator creates a site, edits its types, invites people and reads the log', async ({ page }) => {
    test.setTimeout(120_000);
    const stamp = Date.now();
    const siteName = `Screens ${stamp}`;
    const invitee = `invitee-${stamp}@example.org`;
    await signIn(page, USERS.ada);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    await expect(section(page, 'Sites').getByRole('link', { name: 'Leeds Community Hub' })).toBeVisible();
    await expect(section(page, 'Organisation administrators').getByText(USERS.ada.email)).toBeVisible();
    await expect(section(page, 'Audit log: every site')).toBeVisible();
    await expect(page.getByText('Loading the log…')).toHaveCount(0);
    await expectNoAxeViolations(page, 'administration');
    await screenshots(page, 'admin-home');

    // A refused create: the field's error is beside it, and the keyboard is on it.
    await page.getByRole('link', { name: 'New site' }).click();
    await page.getByRole('button', { name: 'Create site' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await expect(page.getByText('Name is required')).toBeVisible();
    await expectNoAxeViolations(page, 'new site with errors');
    await screenshots(page, 'admin-new-site');

    await createSite(page, siteName, ['Home visit', 'Phone call', 'Training']);
    await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Lisbon');

    // Types: retire one; it is listed as retired and can be added back.
    const types = section(page, 'Interaction types');
    await types.getByRole('button', { name: 'Remove Training' }).click();
    await types.getByRole('button', { name: 'Save types' }).click();
    await expect(types.getByText('Types saved.')).toBeVisible();
    await expect(types.getByRole('button', { name: 'Add back Training' })).toBeVisible();

    // Invitations: a new address waits; an existing account is added at once.
    const invitations = section(page, 'Invitations');
    await invitations.getByLabel('Email').fill(invitee);
    await invitations.getByLabel('Role').selectOption('viewer');
    await invitations.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(invitations.getByText(`${invitee} was invited as viewer.`)).toBeVisible();
    await expect(invitations.getByRole('listitem').filter({ hasText: invitee })).toBeVisible();

    await invitations.getByLabel('Email').fill(USERS.ben.email);
    await invitations.getByLabel('Role').selectOption('user');
    await invitations.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(invitations.getByText(/added at once as user, because they already have an account/)).toBeVisible();
    const members = section(page, 'Members');
    await expect(members.getByRole('listitem').filter({ hasText: USERS.ben.email })).toBeVisible();

    // The last admin cannot step down: the server's refusal is shown, and the role stays.
    const adaRole = members.getByLabel(`Role of ${USERS.ada.name}`);
    await adaRole.selectOption('user');
    await expect(members.getByRole('alert')).toContainText('at least one admin');
    await expect(adaRole).toHaveValue('admin');

    // The log, newest first, in words.
    const log = section(page, 'Audit log');
    await expect(log.getByRole('listitem').first()).toContainText(`${USERS.ada.name} added ${USERS.ben.name} as user`);
    await expect(log.getByText(`${USERS.ada.name} invited ${invitee} as viewer.`)).toBeVisible();
    await expect(log.getByText(`${USERS.ada.name} retired the type “Training”.`)).toBeVisible();
    await expect(log.getByText(`${USERS.ada.name} created the site ${siteName}.`)).toBeVisible();

    await expectNoAxeViolations(page, 'site administration');
    await screenshots(page, 'admin-site');

    // Cancelling the invitation takes it off the pending list.
    await invitations.getByRole('button', { name: `Cancel the invitation for ${invitee}` }).click();
    await expect(invitations.getByText('No invitation is waiting.')).toBeVisible();

    // The organisation-wide log names the site in each line.
    await page.getByRole('link', { name: 'Administration', exact: true }).first().click();
    const everySite = section(page, 'Audit log: every site');
    await expect(everySite.getByRole('listitem').first()).toContainText(`cancelled the invitation for ${invitee} in ${siteName}`);
    await expect(section(page, 'Sites').getByRole('link', { name: siteName })).toBeVisible();
  });

  test('a site admin manages their own site but not its details, and sees only the sites they manage', async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const stamp = Date.now();
    const siteName = `Managed ${stamp}`;
    const manager = `manager-${stamp}@example.org`;
    await signIn(page, USERS.ada);
    await createSite(page, siteName, ['Visit']);
    const invitations = section(page, 'Invitations');
    await invitations.getByLabel('Email').fill(manager);
    await invitations.getByLabel('Role').selectOption('admin');
    await invitations.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(invitations.getByText(`${manager} was invited as admin.`)).toBeVisible();

    // The invitee's first sign-in makes them the site's admin.
    const theirs = await signInWithEmail(browser, manager, { baseURL });
    await theirs.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    const sites = section(theirs, 'Sites you manage');
    await expect(sites.getByRole('listitem')).toHaveCount(1);
    await expect(theirs.getByRole('link', { name: 'New site' })).toHaveCount(0);
    await sites.getByRole('link', { name: siteName }).click();

    const details = section(theirs, 'Details');
    await expect(details.getByText('Only an organisation administrator can change these.')).toBeVisible();
    await expect(details.getByRole('textbox')).toHaveCount(0);

    const types = section(theirs, 'Interaction types');
    await types.getByLabel('New type').fill('Phone call');
    await types.getByRole('button', { name: 'Add type' }).click();
    await types.getByRole('button', { name: 'Save types' }).click();
    await expect(types.getByText('Types saved.')).toBeVisible();
    await expect(section(theirs, 'Audit log').getByRole('listitem').first()).toContainText('added the type “Phone call”');

    await expectNoAxeViolations(theirs, 'site administration as a site admin');
    await screenshots(theirs, 'admin-site-as-site-admin');
    await theirs.context().close();
  });

  test('offline, the screens say administration needs a connection and disable their forms', async ({ page, context }) => {
    await signIn(page, USERS.ada);
    await page.goto('/admin');
    await expect(section(page, 'Organisation administrators').getByText(USERS.ada.email)).toBeVisible();

    await context.setOffline(true);

    await expect(page.getByText('Administration needs a connection.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Grant' })).toBeDisabled();
    await expect(page.getByLabel('Grant to email')).toBeDisabled();
    await expectNoAxeViolations(page, 'administration offline');
    await screenshots(page, 'admin-offline');

    await context.setOffline(false);
    await expect(page.getByText('Administration needs a connection.')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Grant' })).toBeEnabled();
  });
});
