import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { USERS, signIn } from './support/session';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/**
 * Fires a `beforeinstallprompt` as Chromium would, with prompt() counting its calls in
 * `window.promptCalls`. Incognito contexts never fire the real one (they are not installable), so
 * only this synthetic event can show the action. Returns whether the app claimed the event.
 */
function offerInstall(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const counter = window as unknown as { promptCalls?: number };
    counter.promptCalls ??= 0;
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => {
        counter.promptCalls = (counter.promptCalls ?? 0) + 1;
      },
      userChoice: Promise.resolve({ outcome: 'dismissed', platform: 'web' })
    });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

const promptCalls = (page: Page) => page.evaluate(() => (window as unknown as { promptCalls?: number }).promptCalls ?? 0);

test.describe('Install the app (issue 15, item 12)', () => {
  test('the browser offers installation: the action appears, opens the prompt, and goes once installed', async ({ page }) => {
    await signIn(page, USERS.ben, '/settings');
    const header = page.locator('header');
    const section = page.getByRole('region', { name: 'Install the app' });
    await expect(section).toContainText('This browser has not offered to install the app');
    await expect(header.getByRole('button', { name: 'Install app' })).toHaveCount(0);

    expect(await offerInstall(page), 'the app keeps the event instead of the browser infobar').toBe(true);
    await expect(header.getByRole('button', { name: 'Install app' })).toBeVisible();
    await expect(section.getByRole('button', { name: 'Install app' })).toBeVisible();
    await expectNoAxeViolations(page, 'settings with the install action');
    await screenshot(page, 'install-action-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(header.getByRole('button', { name: 'Install app' })).toBeVisible();
    await screenshot(page, 'install-action-390');
    await page.setViewportSize({ width: 1280, height: 800 });

    await header.getByRole('button', { name: 'Install app' }).click();
    expect(await promptCalls(page)).toBe(1);
    // A prompt can be shown once; declined, the action goes until the browser offers again.
    await expect(page.getByRole('button', { name: 'Install app' })).toHaveCount(0);

    await offerInstall(page);
    await section.getByRole('button', { name: 'Install app' }).click();
    expect(await promptCalls(page)).toBe(2);

    await offerInstall(page);
    await expect(header.getByRole('button', { name: 'Install app' })).toBeVisible();
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await expect(page.getByRole('button', { name: 'Install app' })).toHaveCount(0);
    await expect(section).toContainText('The app is installed on this device');
  });

  test('on iOS Safari, the Add to Home Screen steps show, and the reminder stays dismissed', async ({ browser }) => {
    const context = await browser.newContext({
      userAgent: IPHONE_SAFARI,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true
    });
    try {
      const page = await context.newPage();
      await signIn(page, USERS.ben);
      const reminder = page.locator('header').getByRole('link', { name: 'Install app' });
      await reminder.click();
      await expect(page).toHaveURL(/\/settings#install-heading$/);
      const section = page.getByRole('region', { name: 'Install the app' });
      await expect(section).toContainText('tap Share in Safari\'s toolbar, then Add to Home Screen');
      await expectNoAxeViolations(page, 'settings with the iOS hint');
      await screenshot(page, 'install-ios-hint-390');

      await section.getByRole('button', { name: 'Got it, hide the reminder' }).click();
      await expect(reminder).toHaveCount(0);
      await page.reload();
      await expect(page.locator('header').getByText(USERS.ben.name)).toBeVisible();
      await expect(reminder).toHaveCount(0);
      // Settings still says how, for whoever comes looking.
      await expect(section).toContainText('Add to Home Screen');
      await expect(section.getByRole('button', { name: 'Got it, hide the reminder' })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});
