import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './session';

export interface FormInput {
  /** Asked only of people who may create in more than one site. */
  site?: string;
  title?: string;
  type?: string;
  lead?: string;
  /** `datetime-local` values, YYYY-MM-DDTHH:mm, in the form's zone. */
  start?: string;
  end?: string;
  timezone?: string;
  location?: string;
  description?: string;
  notes?: string;
}

// Required fields' labels end in an asterisk (hidden from screen readers, but part of the text).
const labelled = (label: string) => new RegExp(`^${label}\\*?$`);

/** A field of the interaction form by its label. */
export function field(page: Page, label: string): Locator {
  return page.locator('form').getByLabel(labelled(label));
}

/**
 * The field shows this message inline: visible on the page, tied to the field (its accessible
 * description, which is what a screen reader reads with it), and the field is marked invalid.
 */
export async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  await expect(page.locator('form').getByText(message, { exact: true })).toBeVisible();
  await expect(field(page, label)).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
  await expect(field(page, label)).toHaveAttribute('aria-invalid', 'true');
}

export async function expectNoFieldError(page: Page, label: string): Promise<void> {
  await expect(field(page, label), label).toHaveAttribute('aria-invalid', 'false');
}


/** Types into the fields given, in the form's order (start before end: moving the start moves the end). */
export async function fillForm(page: Page, input: FormInput): Promise<void> {
  if (input.site !== undefined) await field(page, 'Site').selectOption({ label: input.site });
  if (input.title !== undefined) await field(page, 'Title').fill(input.title);
  if (input.type !== undefined) await field(page, 'Type').selectOption(input.type);
  if (input.lead !== undefined) await field(page, 'Lead').fill(input.lead);
  if (input.start !== undefined) await field(page, 'Start').fill(input.start);
  if (input.end !== undefined) await field(page, 'End').fill(input.end);
  if (input.timezone !== undefined) await field(page, 'Timezone').fill(input.timezone);
  if (input.location !== undefined) await field(page, 'Location').fill(input.location);
  if (input.description !== undefined) await field(page, 'Description').fill(input.description);
  if (input.notes !== undefined) await field(page, 'Notes').fill(input.notes);
}

/** Opens the new-interaction form from the Finder's button, as a person would. */
export async function openNewForm(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('link', { name: 'New interaction' }).click();
  await expect(page.getByRole('heading', { name: 'New interaction', level: 1 })).toBeVisible();
}

/** Creates an interaction through the form and waits until the Finder shows it. */
export async function createThroughForm(page: Page, input: FormInput & { title: string }): Promise<void> {
  await openNewForm(page);
  await fillForm(page, { lead: 'Ben Carter', description: `Notes on ${input.title}.`, ...input });
  await page.getByRole('button', { name: 'Save interaction' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/');
}
