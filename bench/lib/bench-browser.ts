import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/support/chromium';

/**
 * A fresh headless Chromium with its own on-disk profile (so IndexedDB behaves as on a device),
 * the desktop size and the locale and zone the app's text is measured in.
 */
export function launchBenchBrowser(profileDir: string, baseUrl: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London'
  });
}
