/**
 * baseline.js: the Finder's reads done straight on the IndexedDB database RxDB keeps, through
 * Dexie alone: no RxDB, no Svelte, no DOM. What the app's figures are compared against, in the same
 * browser, on the same data, in the same run.
 */
import Dexie, { type Table } from 'dexie';
import { SORT_PATHS } from '../../../src/lib/db/finder-sorts';
import { findInteractionsDatabase } from '../../lib/app-dexie-database';
import type { BaselineTiming, BenchBaseline } from './page-api';

// RxDB stores the booleans of indexed fields as '0' and '1', and puts `_deleted` first and the
// primary key last in every index.
const NO = '0';

let database: Dexie | undefined;

function docs(): Table<Record<string, unknown>, string> {
  if (!database) throw new Error('open the database first');
  return database.table('docs');
}

/**
 * The live rows in the order of an index on `fields` (backwards when `descending`), optionally
 * those starting with `prefix`.
 */
function range(fields: string[], prefix: string[] = [], descending = false) {
  const index = `[${['_deleted', 'isDeleted', ...fields, 'id'].join('+')}]`;
  const open = fields.length + 1 - prefix.length;
  const rows = docs()
    .where(index)
    .between(
      [NO, NO, ...prefix, ...Array<unknown>(open).fill(Dexie.minKey)],
      [NO, NO, ...prefix, ...Array<unknown>(open).fill(Dexie.maxKey)]
    );
  return descending ? rows.reverse() : rows;
}

/** An index (by the fields after the flags), the values its keys must start with, and the direction. */
type View = [fields: string[], prefix: string[], descending: boolean];

// The app's own index paths, so the baseline reads the indexes the app's schema declares.
const DEFAULT_VIEW: View = [[...SORT_PATHS.startDatetime], [], true];

/** The views the app's sort steps cycle through: title A–Z, title Z–A, start newest first. */
const SORT_VIEWS: View[] = [[[...SORT_PATHS.title], [], false], [[...SORT_PATHS.title], [], true], DEFAULT_VIEW];
/** The filter steps: one type (newest first), then all types again. */
const FILTER_VIEWS: View[] = [[[...SORT_PATHS.type], ['Call'], true], DEFAULT_VIEW];

/**
 * Reads a view's first window of rows, timed from `started`, then counts the view, timed on its
 * own: IndexedDB counts by walking the index, so the count is reported apart from the rows.
 */
async function readView(view: View, limit: number, started = performance.now()): Promise<BaselineTiming> {
  const rows = await range(...view).limit(limit).toArray();
  const rowsRead = performance.now();
  const total = await range(...view).count();
  return { ms: rowsRead - started, countMs: performance.now() - rowsRead, rows: rows.length, total };
}

const baseline: BenchBaseline = {
  openAndRead: async ({ siteId, limit }) => {
    const started = performance.now();
    const name = await findInteractionsDatabase(siteId);
    if (!name) throw new Error('the app stored no database for the site');
    database = new Dexie(name);
    await database.open();
    return readView(DEFAULT_VIEW, limit, started);
  },
  changeRead: ({ kind, step, limit }) => {
    const views = kind === 'sort' ? SORT_VIEWS : FILTER_VIEWS;
    return readView(views[step % views.length], limit);
  },
  saveAndRead: async ({ record, limit }) => {
    const started = performance.now();
    await docs().put(record);
    return readView(DEFAULT_VIEW, limit, started);
  },
  sampleRecord: async () => {
    const [record] = await range(...DEFAULT_VIEW).limit(1).toArray();
    return record;
  }
};

window.imsBenchBaseline = baseline;
