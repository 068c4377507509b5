import type { BrowserContext, Page } from '@playwright/test';

// Kept in the tab's session storage, so a reload of a full device is still full.
const FLAG = 'ims-test-disk-full';

/**
 * A device whose disk fills up: every IndexedDB `put` and `add` of the context's pages throws the
 * browser's QuotaExceededError, beneath Dexie and RxDB, as the unit tests' fake disk does.
 *
 * Why not Chromium's own quota: `Storage.overrideQuotaForOrigin` (DevTools) changed nothing in
 * Chromium 156 headless here. `navigator.storage.estimate()` still reported a 10 GiB quota and
 * writes went on, in an incognito and in a persistent profile alike. Workers keep writing;
 * only the pages' database (the records) is refused.
 */
export async function installFullDisk(context: BrowserContext): Promise<{ fill(page: Page): Promise<void>; free(page: Page): Promise<void> }> {
  await context.addInitScript((flag) => {
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (sessionStorage.getItem(flag) === 'full') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  }, FLAG);
  return {
    fill: (page) => page.evaluate((flag) => sessionStorage.setItem(flag, 'full'), FLAG),
    free: (page) => page.evaluate((flag) => sessionStorage.removeItem(flag), FLAG)
  };
}
