/**
 * probe.js: an init script the benchmark adds to every page of the app, before the app's own code.
 * It notes when the page first opens a site database (by wrapping `IDBFactory.open`, which Dexie,
 * and so RxDB, calls) and when the first Finder row is in the DOM and painted; and it drives the
 * Finder's own controls to time sort, filter and save. It reads the DOM the way a person sees it
 * (roles, labels, link text) and needs nothing added to the app.
 */
import type { BenchProbe, BenchWriter, ChangeTiming, FinderChange } from './page-api';

const SITE_DATABASE = 'ims-site-';
const GRID = '[role="grid"]';
/** A Finder row that holds an interaction, not a loading placeholder. */
const LOADED_ROW_LINK = '[role="grid"] [role="row"] [role="gridcell"] a[href*="/interactions/"]';
const WRITER_URL = '/bench/bench.js';
const TIMEOUT_MS = 60_000;

/** Sort steps cycle through these header clicks: Title A–Z, Title Z–A, back to Start newest first. */
const SORT_CLICKS = ['Title', 'Title', 'Start'];

let firstRowPaintedResolve: () => void = () => undefined;
const firstRowPaintedPromise = new Promise<void>((resolve) => (firstRowPaintedResolve = resolve));
let writer: Promise<BenchWriter> | undefined;

/** Resolves after the next frame has been produced: a task queued from rAF runs after its paint. */
function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
}

/** Resolves when `done()` holds, checked after every DOM change. */
function waitForDom(done: () => boolean, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (done()) {
      resolve(performance.now());
      return;
    }
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now());
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`));
    }, TIMEOUT_MS);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** The loaded rows in display order (rows are positioned absolutely; aria-rowindex is the order). */
function loadedRows(): { index: number; title: string }[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>(LOADED_ROW_LINK))
    .map((link) => ({
      index: Number(link.closest('[role="row"]')?.getAttribute('aria-rowindex') ?? 0),
      title: link.textContent ?? ''
    }))
    .sort((a, b) => a.index - b.index);
}

/** What a change must alter: the row count, and the first rows. */
function snapshot(): string {
  const grid = document.querySelector(GRID);
  const first = loadedRows()
    .slice(0, 3)
    .map((row) => `${row.index}:${row.title}`);
  return `${grid?.getAttribute('aria-rowcount')}|${first.join('|')}`;
}

/** The grid shows a finished answer: not busy, and its first row is loaded. */
function settled(): boolean {
  const grid = document.querySelector(GRID);
  if (!grid || grid.getAttribute('aria-busy') === 'true') return false;
  return loadedRows()[0]?.index === 2;
}

function controlLabelled(text: string): HTMLSelectElement {
  const label = Array.from(document.querySelectorAll('label')).find((candidate) => candidate.textContent?.trim() === text);
  const control = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('select');
  if (!(control instanceof HTMLSelectElement)) throw new Error(`no select labelled “${text}” in the Finder`);
  return control;
}

function sortHeader(label: string): HTMLButtonElement {
  const button = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button')).find(
    (candidate) => candidate.textContent?.trim() === label
  );
  if (!button) throw new Error(`no “${label}” column header in the Finder`);
  return button;
}

/** Filter steps alternate between one type and all types. */
function applyFilter(step: number): void {
  const select = controlLabelled('Type');
  const values = Array.from(select.options).map((option) => option.value).filter(Boolean);
  const type = values.includes('Call') ? 'Call' : values[0];
  select.value = step % 2 === 0 ? type : '';
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function measureChange(kind: FinderChange, step: number): Promise<ChangeTiming> {
  await waitForDom(settled, 'the Finder to settle before the change');
  const before = snapshot();
  const started = performance.now();
  if (kind === 'sort') sortHeader(SORT_CLICKS[step % SORT_CLICKS.length]).click();
  else applyFilter(step);
  const shown = await waitForDom(() => settled() && snapshot() !== before, `the ${kind} change to show`);
  const painted = await nextFrame();
  return { domMs: shown - started, paintedMs: painted - started };
}

async function measureSave(options: { siteId: string; userId: string; title: string; start: string }): Promise<ChangeTiming> {
  // A variable, so no bundler tries to resolve it: bench.js is served beside this script.
  const url = WRITER_URL;
  writer ??= import(url).then((module: { default: BenchWriter }) => module.default);
  const write = await writer;
  await waitForDom(settled, 'the Finder to settle before the save');
  const started = performance.now();
  const shownAt = waitForDom(
    () => loadedRows().some((row) => row.title === options.title),
    `the saved row “${options.title}”`
  );
  await write.createOne(options);
  const stored = performance.now();
  const shown = await shownAt;
  const painted = await nextFrame();
  return { domMs: shown - started, paintedMs: painted - started, storedMs: stored - started };
}

const probe: BenchProbe = {
  databaseOpenedAt: null,
  firstRowAt: null,
  firstRowPaintedAt: null,
  firstRowPainted: () => firstRowPaintedPromise,
  measureChange,
  measureSave,
  renderedRows: () => loadedRows().length
};

// The benchmark's own pages (loading, baseline) are not the app: nothing to observe there.
if (!location.pathname.startsWith('/bench/')) install();

function install(): void {
  window.imsBenchProbe = probe;
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number): IDBOpenDBRequest {
    if (probe.databaseOpenedAt === null && name.includes(SITE_DATABASE)) probe.databaseOpenedAt = performance.now();
    return version === undefined ? open.call(this, name) : open.call(this, name, version);
  };

  const firstRows = new MutationObserver(() => {
    if (!document.querySelector(LOADED_ROW_LINK)) return;
    firstRows.disconnect();
    probe.firstRowAt = performance.now();
    void nextFrame().then((painted) => {
      probe.firstRowPaintedAt = painted;
      firstRowPaintedResolve();
    });
  });
  firstRows.observe(document, { subtree: true, childList: true });
}
