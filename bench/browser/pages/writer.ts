/**
 * bench.js: the app's own local database code (`src/lib/db`), bundled on its own by esbuild so the
 * benchmark can fill and write to a site's database on the app's origin without any bench-only
 * code in the app. Loaded with `import('/bench/bench.js')`; the default export is the `BenchWriter`.
 */
import { closeAllSiteDatabases, openSiteDatabase } from '$lib/db';
import { createInteraction } from '$lib/db/interaction-writes';
import { buildInteractionDocument, decodeStoredState } from '$lib/db/interaction-record';
import type { BenchWriter, LoadTiming, WireInteraction } from './page-api';

// One IndexedDB transaction per batch: bigger batches stop paying off and hold more memory.
const BATCH = 1_000;

async function loadInteractions(options: { siteId: string; interactions: WireInteraction[] }): Promise<LoadTiming> {
  const database = await openSiteDatabase(options.siteId);
  const timing = { buildMs: 0, writeMs: 0 };
  for (let start = 0; start < options.interactions.length; start += BATCH) {
    const building = performance.now();
    // What replication does with a document from the server: derive the record from its Yjs state.
    const documents = options.interactions.slice(start, start + BATCH).map((wire, i) =>
      buildInteractionDocument({
        meta: {
          id: wire.id,
          siteId: wire.siteId,
          createdBy: wire.createdBy,
          // Names take no part in what the benchmark measures; empty, as after the schema upgrade.
          createdByName: '',
          updatedBy: wire.createdBy,
          updatedByName: '',
          createdAt: wire.createdAt,
          updatedAt: wire.updatedAt
        },
        doc: decodeStoredState(wire),
        needsReview: false,
        pendingSync: false,
        serverSeq: start + i + 1
      })
    );
    const writing = performance.now();
    const { error } = await database.interactions.bulkInsert(documents);
    if (error.length > 0) throw new Error(`bulkInsert refused ${error.length} documents: ${JSON.stringify(error[0]).slice(0, 500)}`);
    timing.buildMs += writing - building;
    timing.writeMs += performance.now() - writing;
  }
  return timing;
}

async function createOne(options: { siteId: string; userId: string; title: string; start: string }): Promise<void> {
  const end = new Date(Date.parse(options.start) + 3_600_000).toISOString();
  await createInteraction({
    siteId: options.siteId,
    userId: options.userId,
    fields: {
      title: options.title,
      type: 'Meeting',
      lead: 'Bench Mark',
      startDatetime: options.start,
      endDatetime: end,
      timezone: 'Europe/London',
      location: null,
      description: 'Written by the browser benchmark.',
      notes: null
    }
  });
}

async function countInteractions(siteId: string): Promise<number> {
  const database = await openSiteDatabase(siteId);
  return database.interactions.count({ selector: { isDeleted: false } }).exec();
}

export default {
  loadInteractions,
  createOne,
  countInteractions,
  closeAll: closeAllSiteDatabases
} satisfies BenchWriter;
