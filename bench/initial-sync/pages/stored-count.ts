/**
 * stored-count.js: added to the app's page once signed in. Counts the site's IndexedDB store until
 * it holds every document, and reads the pull requests' timings from the page's resource timing.
 * Raw IndexedDB, no Dexie: nothing of the app's code or its libraries is loaded twice.
 */
import { findInteractionsDatabase } from '../../lib/app-dexie-database';
import type { BenchStoredCount, StoredTiming } from './page-api';

async function openExisting(siteId: string): Promise<IDBDatabase | undefined> {
  // Opening a database that does not exist yet would create it, empty, before RxDB does.
  const name = await findInteractionsDatabase(siteId);
  if (name === undefined) return undefined;
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function count(database: IDBDatabase, store: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = database.transaction(store, 'readonly').objectStore(store).count();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForAllStored(options: {
  siteId: string;
  store: string;
  expected: number;
  pollMs: number;
  timeoutMs: number;
}): Promise<StoredTiming> {
  const deadline = performance.now() + options.timeoutMs;
  let database: IDBDatabase | undefined;
  let stored = 0;
  while (stored < options.expected) {
    if (performance.now() > deadline) {
      throw new Error(`only ${stored} of ${options.expected} documents stored after ${options.timeoutMs} ms`);
    }
    await delay(options.pollMs);
    database ??= await openExisting(options.siteId);
    // RxDB creates the store when it opens the database; a count needs it to be there.
    if (database?.objectStoreNames.contains(options.store)) stored = await count(database, options.store);
  }
  const doneAt = performance.now();
  database?.close();
  const pulls = performance
    .getEntriesByType('resource')
    .filter((entry) => /\/api\/sync\/[^/]+\/pull\?/.test(entry.name)) as PerformanceResourceTiming[];
  if (pulls.length === 0) throw new Error('the page made no pull request');
  const firstPullAt = pulls[0].startTime;
  const duringSync = (window.imsBenchLongTasks ?? []).filter(([start]) => start >= firstPullAt && start <= doneAt);
  return {
    timeOrigin: performance.timeOrigin,
    doneAt,
    firstPullAt,
    pulls: pulls.length,
    slowestPullMs: Math.max(...pulls.map((pull) => pull.responseEnd - pull.startTime)),
    longestTaskMs: Math.max(0, ...duringSync.map(([, duration]) => duration)),
    timeline: {
      longTasks: duringSync.filter(([, duration]) => duration > 100).map(([start, duration]) => [Math.round(start - firstPullAt), Math.round(duration)]),
      pullsDone: pulls.map((pull) => Math.round(pull.responseEnd - firstPullAt))
    }
  };
}

window.imsBenchStoredCount = { waitForAllStored } satisfies BenchStoredCount;
