import { join } from 'node:path';
import { LEEDS } from '../../sync-server/demo/demo-directory';
import { buildApp } from '../browser/app-build';
import { busyStretches, profiledScripts, selfTimeLine, type CpuProfile } from '../browser/cpu-profile';
import { sourceResolver, type SourceResolver } from '../browser/source-maps';
import { RESULTS_DIR } from '../lib/results';
import { provisionDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import { startServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount, formatRatio } from '../lib/table';
import { buildPages } from './bundles';
import { COLUMNS, TARGETS, runLine, summariseRuns, tableRows } from './report';
import { profileOnce, runOnce, type RunResult } from './scenario';
import { seedCountFor } from './site-size';

// Ben belongs to Leeds alone: the app replicates that one site.
const BENCH_EMAIL = 'ben@example.org';
const BENCH_SITE = LEEDS;

/** A fresh Chromium profile signs in and replicates a site, against Dexie writing the same records. */
export const initialSyncSuite: BenchSuite = {
  name: 'initial-sync',
  summary: 'the built app in headless Chromium: a fresh device’s initial sync of one site, against Dexie bulkPut',
  async run({ settings, cleanup, workDir, log }) {
    const documents = settings.initialSyncDocuments;
    const staticDir = join(workDir, 'app');
    log('building the app…');
    // Hidden source maps (no reference in the scripts, which stay as shipped) name the profile's code.
    const buildSeconds = await buildApp(staticDir, { sourceMaps: settings.initialSyncProfile });
    await buildPages(staticDir);

    const database = await provisionDatabase({ settings, dataDir: join(workDir, 'server'), cleanup });
    log(`database: ${database.description}`);
    const seed = await seedDatabase({
      database,
      interactions: seedCountFor({ siteId: BENCH_SITE.id, documents }),
      log
    });
    const server = await startServerProcess({
      env: {
        DATA_DIR: join(workDir, 'server'),
        STATIC_DIR: staticDir,
        ...(database.kind === 'postgres' ? { DATABASE_URL: database.settings.databaseUrl ?? '' } : {})
      }
    });
    cleanup.add('stop the server process', server.stop);
    log(`app built in ${buildSeconds.toFixed(1)} s, served on ${server.url}; ${formatCount(documents)} documents in ${BENCH_SITE.name}`);

    const runs: RunResult[] = [];
    for (let index = 0; index < settings.initialSyncRuns; index++) {
      const run = await runOnce({
        baseUrl: server.url,
        profileDir: join(workDir, `profile-${index + 1}`),
        siteId: BENCH_SITE.id,
        email: BENCH_EMAIL,
        expected: documents
      });
      log(runLine(documents, index, run));
      runs.push(run);
    }

    if (settings.initialSyncProfile) {
      const file = join(RESULTS_DIR, `initial-sync-${documents}.cpuprofile`);
      const { sync, profile } = await profileOnce({
        baseUrl: server.url,
        profileDir: join(workDir, 'profile-profiled'),
        siteId: BENCH_SITE.id,
        email: BENCH_EMAIL,
        expected: documents,
        file
      });
      log(`  profiled run (slowed by the profiler, not among the figures): ${formatCount(sync.syncMs)} ms; profile saved to ${file}`);
      for (const line of busyStretchLines(profile, await sourceResolver(staticDir, profiledScripts(profile)))) log(line);
    }

    const summary = summariseRuns(runs);
    return {
      facts: [
        ['database', database.description],
        ['data', `${formatCount(seed.interactions)} demo interactions seeded, ${formatCount(documents)} of them in ${BENCH_SITE.name}`],
        ['client', `the built app, headless Chromium, fresh on-disk profile per run, signed in as ${BENCH_EMAIL}`],
        [
          'initial sync',
          'from the start of the first pull request (resource timing) until a count of the site’s IndexedDB store, ' +
            'taken every 20 ms in the page, reaches the documents on the server; the Finder is open meanwhile'
        ],
        [
          'baseline',
          'the records the sync stored (RxDB’s stored form: derived fields, sort keys, _meta, _rev), read back untimed, ' +
            'written with one Dexie bulkPut in one transaction, timed to its commit, into a new database whose store has the ' +
            'app’s primary key and all its indexes'
        ],
        ['baseline store', runs[0]?.baseline.storeSchema ?? '–'],
        [
          'median of runs',
          `${runs.length}: initial sync ${(summary.sync.median / 1000).toFixed(2)} s, baseline ${(summary.baseline.median / 1000).toFixed(2)} s, ` +
            `ratio ${formatRatio(summary.ratio)}; targets ≤ ${TARGETS.syncMs / 1000} s, ≤ ${TARGETS.ratio}× and a longest task ≤ ${TARGETS.longestTaskMs} ms`
        ]
      ],
      table: { columns: COLUMNS, rows: tableRows(documents, runs) },
      raw: { documents, runs, summary }
    };
  }
};

/** Each stretch of 100 ms or more the page was busy, with the app functions it was spent under. */
function busyStretchLines(profile: CpuProfile, resolve: SourceResolver): string[] {
  const stretches = busyStretches(profile, resolve, TARGETS.longestTaskMs);
  if (stretches.length === 0) return ['  no busy stretch of 100 ms or more'];
  return stretches.flatMap((stretch) => [
    `  busy ${formatCount(stretch.ms)} ms from ${formatCount(stretch.startMs)} ms:`,
    ...stretch.byAppFunction.slice(0, 5).map(selfTimeLine)
  ]);
}
