/**
 * Debian's Chromium: Playwright's own browser download is not reachable here (see STACK.md).
 * Shared by the Playwright config, the persistent-context PWA test and the browser benchmark.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];
