import type { BrowserContext, Page } from '@playwright/test';
import { recordCpuProfile, type CpuProfile } from '../browser/cpu-profile';
import { launchBenchBrowser } from '../lib/bench-browser';
import type { BulkPutTiming, StoredTiming } from './pages/page-api';

export const PAGES_PATH = '/bench/initial-sync';
const SYNC_TIMEOUT_MS = 120_000;
/** How often the page counts the stored records: fine enough for a figure of seconds. */
const POLL_MS = 20;
/** Keeps the page's long tasks (over 50 ms, as Chromium reports them) for stored-count.js to read. */
const LONG_TASKS_SCRIPT = `
  window.imsBenchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) window.imsBenchLongTasks.push([task.startTime, task.duration]);
  }).observe({ type: 'longtask', buffered: true });`;

export interface RunOptions {
  baseUrl: string;
  /** A fresh, empty folder: the browser profile of one run. */
  profileDir: string;
  siteId: string;
  email: string;
  /** The documents the site holds on the server. */
  expected: number;
}

export interface SyncTiming {
  /** From the first pull request's start until the site's store held every document. */
  syncMs: number;
  /** From the sign-in click until the first pull request started: session, leader election, open. */
  startupMs: number;
  /** Pull requests the page made, and what the slowest of them took (request start to response end). */
  pulls: number;
  slowestPullMs: number;
  /** The page's longest main-thread task during the sync: how long input could wait for it. */
  longestTaskMs: number;
  timeline: StoredTiming['timeline'];
}

export interface RunResult {
  sync: SyncTiming;
  baseline: BulkPutTiming;
}

/**
 * One fresh device: a new on-disk browser profile signs in, the app replicates the site, and the
 * page counts the site's IndexedDB store until every document is there. The baseline then runs in
 * the same browser, on the same records.
 */
export async function runOnce(options: RunOptions): Promise<RunResult> {
  const context = await launchBenchBrowser(options.profileDir, options.baseUrl);
  try {
    const page = await openSignIn(context, options);
    const sync = await signInAndSync(page, options);

    const baselinePage = await context.newPage();
    await baselinePage.goto(`${PAGES_PATH}/bulk-put.html`);
    const baseline = await baselinePage.evaluate(
      (input) => window.imsBenchBulkPut!.run(input),
      { siteId: options.siteId, expected: options.expected }
    );
    return { sync, baseline };
  } finally {
    await context.close();
  }
}

/** One more fresh device, its sync under Chromium's CPU profiler (saved to `file`); no baseline. */
export async function profileOnce(options: RunOptions & { file: string }): Promise<{ sync: SyncTiming; profile: CpuProfile }> {
  const context = await launchBenchBrowser(options.profileDir, options.baseUrl);
  try {
    const page = await openSignIn(context, options);
    let sync: SyncTiming | undefined;
    const profile = await recordCpuProfile({
      context,
      page,
      file: options.file,
      run: async () => void (sync = await signInAndSync(page, options))
    });
    return { sync: sync!, profile };
  } finally {
    await context.close();
  }
}

/** The sign-in page of a fresh profile, its service worker installed and the clock not started. */
async function openSignIn(context: BrowserContext, options: RunOptions): Promise<Page> {
  // The default buffer holds 250 entries; the first pull must not be the one that is dropped.
  await context.addInitScript({ content: 'performance.setResourceTimingBufferSize(100000);' });
  await context.addInitScript({ content: LONG_TASKS_SCRIPT });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/login');
  await userButton(page, options.email).waitFor();
  // The first visit installs the service worker, which downloads the whole app: done before
  // the clock starts, so the sync does not share the network and the CPU with it.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return page;
}

function userButton(page: Page, email: string) {
  return page.getByRole('button', { name: new RegExp(email.replace(/[.]/g, '\\.')) });
}

/** Signs in and waits until the site's store holds every document. */
async function signInAndSync(page: Page, options: RunOptions): Promise<SyncTiming> {
  const clicked = await page.evaluate(() => ({ at: performance.now(), timeOrigin: performance.timeOrigin }));
  await userButton(page, options.email).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return waitForAllStored(page, { ...options, clicked });
}

/** Counts the site's store in the page until it holds `expected` records; times from the first pull. */
async function waitForAllStored(page: Page, options: RunOptions & { clicked: { at: number; timeOrigin: number } }): Promise<SyncTiming> {
  await page.addScriptTag({ url: `${PAGES_PATH}/stored-count.js` });
  const result = await page.evaluate((input) => window.imsBenchStoredCount!.waitForAllStored(input), {
    siteId: options.siteId,
    store: 'docs',
    expected: options.expected,
    pollMs: POLL_MS,
    timeoutMs: SYNC_TIMEOUT_MS
  });
  return {
    syncMs: result.doneAt - result.firstPullAt,
    // The sign-in navigates within the page (SvelteKit's goto); after a full load the click's
    // time would be on another clock.
    startupMs: result.timeOrigin === options.clicked.timeOrigin ? result.firstPullAt - options.clicked.at : NaN,
    pulls: result.pulls,
    slowestPullMs: result.slowestPullMs,
    longestTaskMs: result.longestTaskMs,
    timeline: result.timeline
  };
}
