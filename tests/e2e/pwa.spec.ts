import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';
import { USERS, signIn, waitForServiceWorker } from './support/session';

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test.describe('PWA', () => {
  test('serves a web manifest whose icons load', async ({ page, request }) => {
    await page.goto('/login');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();

    const response = await request.get(new URL(href ?? '', page.url()).toString());
    expect(response.status()).toBe(200);
    const manifest = (await response.json()) as Manifest;
    expect(manifest.name).toBe('Interactions');
    expect(manifest.start_url).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const iconResponse = await request.get(icon.src);
      expect(iconResponse.status(), icon.src).toBe(200);
      expect(iconResponse.headers()['content-type'], icon.src).toContain(icon.type);
    }
  });

  // Incognito contexts (Playwright's default) always report `in-incognito`, so this one runs in a
  // persistent profile of its own.
  test('is installable: Chromium reports no installability errors', async ({ baseURL }) => {
    const profile = await mkdtemp(join(tmpdir(), 'ims-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL,
      headless: true
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await signIn(page, USERS.ben);
      await waitForServiceWorker(page);
      const cdp = await context.newCDPSession(page);
      // The manifest is fetched and checked asynchronously after load; poll until it has been.
      await expect
        .poll(async () => {
          const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
          return installabilityErrors.map((error) => error.errorId);
        })
        .toEqual([]);
      const { url, errors } = await cdp.send('Page.getAppManifest');
      expect(url).toMatch(/\/manifest\.webmanifest$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  test('shows "Offline" when the connection drops and "Synced" when it returns', async ({ page, context }) => {
    // Before sign-in the header shows the network alone.
    await page.goto('/login');
    await expect(page.locator('header').getByRole('status')).toHaveText('Online');

    await signIn(page, USERS.ben);
    const indicator = page.locator('header').getByRole('status');
    await expect(indicator).toHaveText('Synced');

    // After load, so the browser fires the offline event at the running app.
    await context.setOffline(true);
    await expect(indicator).toHaveText('Offline');

    await context.setOffline(false);
    await expect(indicator).toHaveText('Synced');
  });
});
