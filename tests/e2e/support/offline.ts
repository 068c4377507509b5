import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Takes the context offline and proves it: the page's own requests and the service worker's both
 * fail, so whatever still loads afterwards comes from the device (cache and local database).
 */
export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  expect(context.serviceWorkers().length, 'a service worker runs before the connection drops').toBeGreaterThan(0);
  await context.setOffline(true);
  const pageReach = await page.evaluate(() =>
    fetch('/api/health', { cache: 'no-store' }).then(
      () => 'reached',
      () => 'failed'
    )
  );
  expect(pageReach, 'the page cannot reach the server once offline').toBe('failed');
  for (const worker of context.serviceWorkers()) {
    const workerReach = await worker.evaluate(() =>
      fetch('/api/health', { cache: 'no-store' }).then(
        () => 'reached',
        () => 'failed'
      )
    );
    expect(workerReach, 'the service worker cannot reach the server once offline').toBe('failed');
  }
}
