import type { Page } from '@playwright/test';

/**
 * Remembers every text the Finder's search status line shows from the page's start, so a test can
 * assert a state that passes too quickly to be caught by polling. Read them with `statusTexts`.
 */
export async function recordSearchStatus(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { searchStatusSeen: string[] }).searchStatusSeen = seen;
    new MutationObserver(() => {
      const text = document.getElementById('search-status')?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

export function statusTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { searchStatusSeen: string[] }).searchStatusSeen);
}
