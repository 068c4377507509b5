import { expect, type Page } from '@playwright/test';

declare global {
  interface Window {
    __pwned?: unknown;
    __cspViolations?: { directive: string; sample: string }[];
  }
}

/**
 * Watches a page for any sign that text from a record ran as code: a dialog opened, the payloads'
 * `window.__pwned` set, or the Content-Security-Policy refusing an inline script or handler (what
 * an injected `<img onerror>` or `<svg onload>` meets). Call before the page's first navigation.
 */
export async function watchForInjectedScripts(page: Page): Promise<{ expectNoneRan(screen: string): Promise<void> }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // An init script is added by the browser itself, outside the page's policy, before any of its own.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations?.push({ directive: event.violatedDirective, sample: event.sample })
    );
  });
  return {
    async expectNoneRan(screen: string) {
      const seen = await page.evaluate(() => ({ pwned: window.__pwned, violations: window.__cspViolations ?? [] }));
      expect(seen.pwned, `window.__pwned on ${screen}`).toBeUndefined();
      expect(seen.violations, `Content-Security-Policy violations on ${screen}`).toEqual([]);
      expect(dialogs, `dialogs on ${screen}`).toEqual([]);
    }
  };
}
