import { expect, type Browser, type Page } from '@playwright/test';

/** The seeded demo users (sync-server/demo/demo-directory.ts) the tests sign in as. */
export const USERS = {
  ada: { email: 'ada@example.org', name: 'Ada Lindqvist' },
  ben: { email: 'ben@example.org', name: 'Ben Carter' },
  cleo: { email: 'cleo@example.org', name: 'Cleo Martins' },
  dev: { email: 'dev@example.org', name: 'Dev Raman' },
  eve: { email: 'eve@example.org', name: 'Eve Wanjiru' }
} as const;

export type DemoUser = (typeof USERS)[keyof typeof USERS];

/**
 * Signs in through the dev login page with the one-click demo user button, as a person would,
 * and waits until the signed-in layout shows the user's name.
 */
export async function signIn(page: Page, user: DemoUser, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('button', { name: new RegExp(escapeRegExp(user.email)) }).click();
  await expect(page.locator('header').getByText(user.name)).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Signs in with any address through development sign-in's "Another account" form, in a browser
 * profile of its own (close it with `page.context().close()`). An address nobody has used before
 * becomes a new user, as an invited person's first sign-in does. `baseURL` points at a server of
 * the spec's own.
 */
export async function signInWithEmail(browser: Browser, email: string, options: { baseURL?: string } = {}): Promise<Page> {
  const context = await browser.newContext(options.baseURL ? { baseURL: options.baseURL } : {});
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/**
 * Waits until the service worker is active and controls the page, so the app shell is cached and
 * the page keeps working offline. `clients.claim()` normally makes the first page controlled; a
 * reload is the fallback when it has not happened within a few seconds.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const controlled = () =>
    page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return true;
      return new Promise<boolean>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
        setTimeout(() => resolve(navigator.serviceWorker.controller !== null), 5_000);
      });
    });
  if (!(await controlled())) {
    await page.reload();
    expect(await controlled(), 'the service worker controls the page after a reload').toBe(true);
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
