import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchBenchBrowser } from '../lib/bench-browser';
import { BENCH_PATH } from './bundles';
import { profiledScripts, recordCpuProfile, selfTimeLine, selfTimes } from './cpu-profile';
import { sourceResolver } from './source-maps';
import { interactionBatches } from './dataset';
import type { BaselineTiming, BenchWriter, ChangeTiming, FinderChange, LoadTiming } from './pages/page-api';

/** How often each figure is sampled; the first samples are warm-ups and also count. */
export const SAMPLES = { opens: 5, sortChanges: 15, filterChanges: 10, saves: 40 } as const;
/** The Finder's first window of rows at 1280×800 (finder-rows.svelte.ts reads blocks of 50). */
export const BASELINE_WINDOW = 100;
const LOAD_BATCH = 2_000;
const WRITER_URL = `${BENCH_PATH}/bench.js`;

export interface ScenarioOptions {
  baseUrl: string;
  profileDir: string;
  probeScript: string;
  siteId: string;
  userId: string;
  email: string;
  size: number;
  /** The built app, whose hidden source maps make a profile readable. */
  staticDir: string;
  /**
   * Where to save CPU profiles of one more Finder open, three more sort changes and ten more saves
   * (`{what}` in the path is replaced by open, sorts and saves); none is recorded when absent.
   */
  profileFile?: string;
  log: (line: string) => void;
}

export interface OpenSample {
  /** From the first site database open to the first loaded row in the DOM, and painted. */
  domMs: number;
  paintedMs: number;
  /** From navigation start, for context: includes loading the code and the session. */
  sinceNavigationMs: number;
}

export interface ScenarioResult {
  size: number;
  load: LoadTiming;
  storedRows: number;
  /** Script paths the Finder's first load fetched; the login page's, on a fresh profile. */
  finderScripts: string[];
  loginScripts: string[];
  renderedRows: number;
  app: {
    opens: OpenSample[];
    sort: ChangeTiming[];
    filter: ChangeTiming[];
    saves: ChangeTiming[];
    heapUsedBytes: number;
  };
  baseline: {
    opens: BaselineTiming[];
    sort: BaselineTiming[];
    filter: BaselineTiming[];
    saves: BaselineTiming[];
    heapUsedBytes: number;
  };
}

/** One data size in a fresh browser profile: sign in, fill the site's database, then measure. */
export async function runScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const context = await launchBenchBrowser(options.profileDir, options.baseUrl);
  try {
    await context.addInitScript({ content: options.probeScript });
    const page = context.pages()[0] ?? (await context.newPage());
    // An app that fails to start would otherwise show only as a timeout somewhere later.
    page.on('pageerror', (error) => options.log(`  page error: ${error.message}`));
    const loginScripts = await recordScripts(page, () => openLogin(page, options.email));
    await signIn(page, options.email);
    await waitForServiceWorker(page);

    const load = await fillDatabase(page, options);
    const storedRows = await page.evaluate(
      async ({ url, siteId }) => {
        const writer = ((await import(url)) as { default: BenchWriter }).default;
        const count = await writer.countInteractions(siteId);
        await writer.closeAll();
        return count;
      },
      { url: WRITER_URL, siteId: options.siteId }
    );
    options.log(
      `  ${options.size.toLocaleString('en')}: ${storedRows.toLocaleString('en')} rows stored: ` +
        `${(load.buildMs / 1000).toFixed(1)} s building documents, ${(load.writeMs / 1000).toFixed(1)} s writing`
    );

    const app = await measureApp(context, page, options);
    options.log(`  ${options.size.toLocaleString('en')}: app measured`);
    const baseline = await measureBaseline(context, options.siteId);
    const { finderScripts, renderedRows, ...appTimings } = app;
    return { size: options.size, load, storedRows, finderScripts, loginScripts, renderedRows, app: appTimings, baseline };
  } finally {
    await context.close();
  }
}

const userButton = (page: Page, email: string) =>
  page.getByRole('button', { name: new RegExp(email.replace(/[.]/g, '\\.')) });

/** The first visit of a new device: the sign-in page, until its demo users can be picked. */
async function openLogin(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await userButton(page, email).waitFor();
}

/** The Finder on the filled database: reloads, then sort and filter changes, then saves. */
async function measureApp(
  context: BrowserContext,
  page: Page,
  options: ScenarioOptions
): Promise<ScenarioResult['app'] & Pick<ScenarioResult, 'finderScripts' | 'renderedRows'>> {
  const opens: OpenSample[] = [];
  let finderScripts: string[] = [];
  for (let i = 0; i < SAMPLES.opens; i++) {
    const scripts = await recordScripts(page, async () => {
      await page.goto('/');
      opens.push(await openTiming(page));
    });
    if (i === 0) finderScripts = scripts;
  }
  const { profileFile } = options;
  const profile = profileFile
    ? (what: string, run: () => Promise<unknown>) => profileRun(context, page, { ...options, profileFile, what, run })
    : undefined;
  await profile?.('open', async () => {
    await page.goto('/');
    await page.evaluate(() => window.imsBenchProbe!.firstRowPainted());
  });
  const heapUsedBytes = await heapUsed(context, page);
  const renderedRows = await page.evaluate(() => window.imsBenchProbe?.renderedRows() ?? 0);

  const sort = await changes(page, 'sort', SAMPLES.sortChanges);
  const filter = await changes(page, 'filter', SAMPLES.filterChanges);
  const saves: ChangeTiming[] = [];
  for (let i = 0; i < SAMPLES.saves; i++) {
    // Later than every generated record, so each save lands at the top of the default view.
    const start = new Date(Date.UTC(2030, 0, 1) + i * 3_600_000).toISOString();
    const save = { siteId: options.siteId, userId: options.userId, title: `Benchmark save ${i + 1}`, start };
    saves.push(await page.evaluate((input) => window.imsBenchProbe!.measureSave(input), save));
  }
  await profile?.('sorts', () => changes(page, 'sort', 3));
  await profile?.('saves', async () => {
    for (let i = 0; i < 10; i++) {
      const start = new Date(Date.UTC(2031, 0, 1) + i * 3_600_000).toISOString();
      const save = { siteId: options.siteId, userId: options.userId, title: `Profiled save ${i + 1}`, start };
      await page.evaluate((input) => window.imsBenchProbe!.measureSave(input), save);
    }
  });
  return { opens, sort, filter, saves, heapUsedBytes, finderScripts, renderedRows };
}

// Enough lines to see where the time goes without scrolling past the table.
const PROFILE_LINES = { functions: 25, scripts: 8 };

/** Runs `run` once more under the profiler (which slows it, so it is not among the samples). */
async function profileRun(
  context: BrowserContext,
  page: Page,
  options: ScenarioOptions & { profileFile: string; what: string; run: () => Promise<unknown> }
): Promise<void> {
  const file = options.profileFile.replace('{what}', options.what);
  const profile = await recordCpuProfile({ context, page, file, run: async () => void (await options.run()) });
  const { byFunction, byScript } = selfTimes(profile, await sourceResolver(options.staticDir, profiledScripts(profile)));
  options.log(`  ${options.size.toLocaleString('en')}: CPU profile of the ${options.what} saved to ${file}; self time by file:`);
  for (const entry of byScript.slice(0, PROFILE_LINES.scripts)) options.log(selfTimeLine(entry));
  options.log('  by function:');
  for (const entry of byFunction.slice(0, PROFILE_LINES.functions)) options.log(selfTimeLine(entry));
}

async function signIn(page: Page, email: string): Promise<void> {
  await userButton(page, email).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The install precaches the whole app; waiting keeps that download out of the measurements. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

async function fillDatabase(page: Page, options: ScenarioOptions): Promise<LoadTiming> {
  await page.goto(`${BENCH_PATH}/load.html`);
  const total: LoadTiming = { buildMs: 0, writeMs: 0 };
  let loaded = 0;
  let nextReport = Math.max(LOAD_BATCH, Math.ceil(options.size / 4));
  for (const interactions of interactionBatches({ siteId: options.siteId, count: options.size, batchSize: LOAD_BATCH })) {
    const timing = await page.evaluate(
      async ({ url, siteId, batch }) => {
        const writer = ((await import(url)) as { default: BenchWriter }).default;
        return writer.loadInteractions({ siteId, interactions: batch });
      },
      { url: WRITER_URL, siteId: options.siteId, batch: interactions }
    );
    total.buildMs += timing.buildMs;
    total.writeMs += timing.writeMs;
    loaded += interactions.length;
    if (loaded >= nextReport && loaded < options.size) {
      options.log(`  ${options.size.toLocaleString('en')}: loaded ${loaded.toLocaleString('en')}…`);
      nextReport += Math.ceil(options.size / 4);
    }
  }
  return total;
}

async function openTiming(page: Page): Promise<OpenSample> {
  await page.evaluate(() => window.imsBenchProbe!.firstRowPainted());
  const marks = await page.evaluate(() => {
    const probe = window.imsBenchProbe!;
    return { opened: probe.databaseOpenedAt, row: probe.firstRowAt, painted: probe.firstRowPaintedAt };
  });
  if (marks.opened === null || marks.row === null || marks.painted === null) {
    throw new Error(`the probe missed a mark: ${JSON.stringify(marks)}`);
  }
  return { domMs: marks.row - marks.opened, paintedMs: marks.painted - marks.opened, sinceNavigationMs: marks.painted };
}

async function changes(page: Page, kind: FinderChange, count: number): Promise<ChangeTiming[]> {
  const timings: ChangeTiming[] = [];
  for (let step = 0; step < count; step++) {
    timings.push(await page.evaluate(([change, at]) => window.imsBenchProbe!.measureChange(change, at), [kind, step] as const));
  }
  return timings;
}

/** JS heap in use after a full garbage collection: what the page keeps, not what it churned. */
async function heapUsed(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Records the JavaScript files the page requests while `run` runs (paths, in request order). */
async function recordScripts(page: Page, run: () => Promise<void>): Promise<string[]> {
  const paths: string[] = [];
  const onRequest = (request: { url(): string; resourceType(): string }) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js') && !url.pathname.startsWith(`${BENCH_PATH}/`)) paths.push(url.pathname);
  };
  page.on('request', onRequest);
  try {
    await run();
  } finally {
    page.off('request', onRequest);
  }
  return paths;
}

async function measureBaseline(context: BrowserContext, siteId: string): Promise<ScenarioResult['baseline']> {
  const page = await context.newPage();
  try {
    const opens: BaselineTiming[] = [];
    let heapUsedBytes = 0;
    for (let i = 0; i < SAMPLES.opens; i++) {
      await page.goto(`${BENCH_PATH}/baseline.html`);
      const timing = await page.evaluate(
        (input) => window.imsBenchBaseline!.openAndRead(input),
        { siteId, limit: BASELINE_WINDOW }
      );
      checkRows(timing);
      opens.push(timing);
      if (i === SAMPLES.opens - 1) heapUsedBytes = await heapUsed(context, page);
    }
    const changeTimes = async (kind: FinderChange, count: number) => {
      const times: BaselineTiming[] = [];
      for (let step = 0; step < count; step++) {
        const timing = await page.evaluate(
          (input) => window.imsBenchBaseline!.changeRead(input),
          { kind, step, limit: BASELINE_WINDOW }
        );
        checkRows(timing);
        times.push(timing);
      }
      return times;
    };
    const sort = await changeTimes('sort', SAMPLES.sortChanges);
    const filter = await changeTimes('filter', SAMPLES.filterChanges);

    const sample = await page.evaluate(() => window.imsBenchBaseline!.sampleRecord());
    const saves: BaselineTiming[] = [];
    for (let i = 0; i < SAMPLES.saves; i++) {
      // A new id, and a start after every real one and every earlier save, so it reads first.
      const startDatetime = `9999-12-31T23:59:59.${String(i).padStart(3, '0')}Z`;
      const record = { ...sample, id: `ffffffff-ffff-4fff-bfff-${String(i).padStart(12, '0')}`, title: `Baseline save ${i}`, startDatetime };
      const timing = await page.evaluate((input) => window.imsBenchBaseline!.saveAndRead(input), {
        record,
        limit: BASELINE_WINDOW
      });
      saves.push(timing);
    }
    return { opens, sort, filter, saves, heapUsedBytes };
  } finally {
    await page.close();
  }
}

function checkRows(timing: BaselineTiming): void {
  if (timing.rows === 0) throw new Error('the baseline read no rows: the Dexie index names no longer match RxDB’s');
}

export function profileDirFor(workDir: string, size: number): string {
  return join(workDir, `profile-${size}`);
}
