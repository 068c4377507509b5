import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Starts Chromium on a profile folder of its own, as a person's browser keeps one between starts:
 * closing it and starting again on the same folder is a browser restart, storage included.
 * Same locale and zone as the config's pages.
 */
export function launchProfile(profileDir: string, baseURL: string | undefined): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL,
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1280, height: 800 }
  });
}
