import { expect, test } from '@playwright/test';
import { ofThisAttempt } from './support/attempt';
import { finderRow, waitForFinder } from './support/finder';
import { createThroughForm, expectFieldError, expectNoFieldError, field, fillForm, openNewForm } from './support/form';
import { createOnServer } from './support/server-data';
import { USERS, signIn } from './support/session';

test.describe('interaction form', () => {
  test('shows each rule’s message beside its field, and saves once all are fixed', async ({ page }) => {
    await signIn(page, USERS.ben);
    await openNewForm(page);

    // Required: submitting an empty form names every missing field and focuses the first.
    await page.getByRole('button', { name: 'Save interaction' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'attention' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('button', { name: 'Title' })).toBeVisible();
    await expectFieldError(page, 'Title', 'Title is required.');
    await expect(field(page, 'Title')).toBeFocused();
    await expectFieldError(page, 'Lead', 'Lead is required.');
    await expectFieldError(page, 'Description', 'Description is required.');

    // Too long: typing stops at the limit, and a longer value (pasted by a script or an extension
    // past maxlength) gets the domain's message.
    const title = field(page, 'Title');
    await title.fill('x'.repeat(101));
    await expect(title).toHaveValue('x'.repeat(100));
    await title.evaluate((input: HTMLInputElement) => {
      input.value = 'y'.repeat(101);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expectFieldError(page, 'Title', 'Title must be at most 100 characters (it has 101).');

    // End before start.
    await fillForm(page, { start: '2026-03-10T10:00', end: '2026-03-10T09:00' });
    await field(page, 'End').blur();
    await expectFieldError(page, 'End', 'End must be after the start.');

    // A time zone that is not an IANA name.
    await fillForm(page, { timezone: 'Mars/Olympus_Mons' });
    await field(page, 'Timezone').blur();
    await expectFieldError(page, 'Timezone', 'Timezone must be an IANA time zone name, such as Europe/London.');

    // Nothing was saved while any rule was broken.
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page).toHaveURL(/\/interactions\/new/);

    await fillForm(page, {
      title: ofThisAttempt('Budget review with finance'),
      lead: 'Ben Carter',
      end: '2026-03-10T11:30',
      timezone: 'Europe/London',
      description: 'Quarterly figures.'
    });
    for (const label of ['Title', 'Lead', 'End', 'Timezone', 'Description']) await expectNoFieldError(page, label);
    await page.getByRole('button', { name: 'Save interaction' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(finderRow(page, ofThisAttempt('Budget review with finance'))).toBeVisible();
  });

  test('asks before deleting, and before leaving with unsaved changes', async ({ page }) => {
    await signIn(page, USERS.ben);
    await waitForFinder(page);
    const title = ofThisAttempt('Volunteer induction');
    await createThroughForm(page, { title });
    await finderRow(page, title).getByRole('link').click();

    // A valid edit is saved as it is typed; one that breaks a rule cannot be, so leaving asks first,
    // and "Keep editing" stays with the edit intact.
    await field(page, 'Title').fill('');
    await page.getByRole('link', { name: '← All interactions' }).click();
    const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
    await expect(discard).toBeVisible();
    await discard.getByRole('button', { name: 'Keep editing' }).click();
    await expect(discard).toBeHidden();
    await expect(field(page, 'Title')).toHaveValue('');
    await field(page, 'Title').fill(title);

    // Delete: cancelling keeps it, confirming removes it from the Finder.
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this interaction?' });
    await expect(confirm).toContainText(title);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(page).toHaveURL(/\/interactions\//);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await waitForFinder(page);
    await expect(finderRow(page, title)).toHaveCount(0);
  });

  test('a viewer cannot create, edit or delete, and is told why', async ({ page }) => {
    await signIn(page, USERS.cleo);
    await waitForFinder(page);

    // Create: no link in the navigation; the Finder's button is disabled with its reason.
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New interaction' })).toHaveCount(0);
    const newButton = page.getByRole('main').getByRole('button', { name: 'New interaction' });
    await expect(newButton).toBeDisabled();
    await expect(newButton).toHaveAccessibleDescription("Viewers can't create interactions");

    // The form's address typed in directly explains instead of showing a form.
    await page.goto('/interactions/new');
    await expect(page.getByText("Viewers can't create interactions.")).toBeVisible();
    await expect(page.locator('form')).toHaveCount(0);

    // A colleague records it on their device; sync brings it to Cleo's.
    const title = ofThisAttempt('Board meeting minutes');
    const lead = ofThisAttempt('Minnie Minutes');
    // Filtered to its lead, so the record is drawn wherever it falls among other tests' records.
    await page.goto(`/?lead=${encodeURIComponent(lead)}`);
    await createOnServer(page.request, {
      author: USERS.ben,
      interactions: [{ title, lead, start: '2026-05-04T09:00:00Z', location: 'Room 2' }]
    });
    await expect(finderRow(page, title)).toBeVisible();
    await finderRow(page, title).getByRole('link').click();

    await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    await expect(page.getByText("Viewers can't edit or delete interactions.")).toBeVisible();
    // In the record's details (its history below names the location too).
    await expect(page.locator('dl').getByText('Room 2')).toBeVisible();
    await expect(page.locator('form')).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Save|Delete/ })).toHaveCount(0);
  });
});
