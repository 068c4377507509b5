import { expect, type BrowserContext, type Page, type Worker } from '@playwright/test';

/** Whether a fetch of the server from this page or worker gets through. */
function serverReach(target: Pick<Page | Worker, 'evaluate'>): Promise<'reached' | 'failed'> {
  const fetchHealth = () =>
    fetch('/api/health', { cache: 'no-store' }).then(
      () => 'reached' as const,
      () => 'failed' as const
    );
  return (target as Page).evaluate(fetchHealth);
}

/**
 * Takes the context offline and proves it: the page's own requests and the service worker's both
 * fail, so whatever still loads afterwards comes from the device (cache and local database).
 */
export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  expect(context.serviceWorkers().length, 'a service worker runs before the connection drops').toBeGreaterThan(0);
  await context.setOffline(true);
  // Chromium answers the DevTools command before its network service has taken the new conditions
  // in: on a busy machine a request sent at once could still go out. Checked until it cannot.
  await expect.poll(() => serverReach(page), { message: 'the page cannot reach the server once offline' }).toBe('failed');
  for (const worker of context.serviceWorkers()) {
    await expect
      .poll(() => serverReach(worker), { message: 'the service worker cannot reach the server once offline' })
      .toBe('failed');
  }
}
