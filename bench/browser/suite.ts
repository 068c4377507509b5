import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { measureFirstPaintJs } from '../../scripts/initial-js';
import { DEMO_USERS, LEEDS } from '../../sync-server/demo/demo-directory';
import { CHROMIUM_PATH } from '../../tests/e2e/support/chromium';
import { RESULTS_DIR } from '../lib/results';
import { seedDatabase } from '../lib/seed';
import { startServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount } from '../lib/table';
import { buildApp, measureInitialJs } from './app-build';
import { BENCH_PATH, buildBenchPages } from './bundles';
import { COLUMNS, firstPaintJsFact, initialJsFacts, progressLines, rawResult, tableRows } from './report';
import { BASELINE_WINDOW, SAMPLES, profileDirFor, runScenario, type ScenarioResult } from './scenario';

// A user of one site: every interaction loaded goes to the site the Finder shows.
const BENCH_EMAIL = 'ben@example.org';

/** The built app in headless Chromium on local data, each figure beside Dexie alone in the same run. */
export const browserSuite: BenchSuite = {
  name: 'browser',
  summary: 'the app in headless Chromium: Finder open, sort, filter and save on local data, against Dexie alone',
  async run({ settings, cleanup, workDir, log }) {
    const staticDir = join(workDir, 'app');
    log('building the app…');
    // Hidden source maps (no reference in the scripts, which stay as shipped) name the profile's code.
    const buildSeconds = await buildApp(staticDir, { sourceMaps: settings.browserProfile });
    const firstPaintJs = measureFirstPaintJs();
    await buildBenchPages(staticDir);
    const probeScript = await readFile(join(staticDir, BENCH_PATH, 'probe.js'), 'utf8');

    // The server only signs in and tells the app its sites: the interactions live in the browser.
    const dataDir = join(workDir, 'server');
    await seedDatabase({
      database: { kind: 'pglite', description: 'PGlite, demo directory only', settings: { dataDir } },
      interactions: 0,
      log
    });
    const server = await startServerProcess({ env: { DATA_DIR: dataDir, STATIC_DIR: staticDir } });
    cleanup.add('stop the server process', server.stop);
    const user = DEMO_USERS.find((candidate) => candidate.email === BENCH_EMAIL);
    if (!user) throw new Error(`${BENCH_EMAIL} is not in the demo directory`);
    log(`app built in ${buildSeconds.toFixed(1)} s, served on ${server.url}; sizes ${settings.browserSizes.map(formatCount).join(', ')}`);

    const results: ScenarioResult[] = [];
    for (const size of settings.browserSizes) {
      const profileDir = profileDirFor(workDir, size);
      const result = await runScenario({
        baseUrl: server.url,
        profileDir,
        probeScript,
        staticDir,
        siteId: LEEDS.id,
        userId: user.id,
        email: user.email,
        size,
        profileFile: settings.browserProfile ? join(RESULTS_DIR, `browser-{what}-${size}.cpuprofile`) : undefined,
        log
      });
      // A 100k profile holds hundreds of megabytes; the next size starts from a fresh one anyway.
      await rm(profileDir, { recursive: true, force: true });
      for (const line of progressLines(result)) log(line);
      results.push(result);
    }

    const first = results[0];
    // Measured at the first size only: the code does not depend on the data.
    const finderJs = first ? await measureInitialJs(staticDir, first.finderScripts) : undefined;
    const loginJs = first ? await measureInitialJs(staticDir, first.loginScripts) : undefined;
    return {
      facts: [
        ['browser', `${chromiumVersion()}, headless, 1280×800, fresh on-disk profile per size`],
        ['data', 'demo generator interactions, all in one site (Leeds), loaded through src/lib/db’s document builder'],
        ['samples', `${SAMPLES.opens} opens, ${SAMPLES.sortChanges} sorts, ${SAMPLES.filterChanges} filters, ${SAMPLES.saves} saves per size`],
        [
          'baseline',
          `Dexie alone on the same IndexedDB database, no RxDB, no UI: the same index, the first ${BASELINE_WINDOW} rows; ` +
            '"+ count" adds the count the Finder shows, which IndexedDB computes by walking the index'
        ],
        ['save path', 'createInteraction from src/lib/db in a second instance in the page (as another tab); the Finder sees it live'],
        firstPaintJsFact(firstPaintJs),
        ...(finderJs ? initialJsFacts('JS fetched by the Finder’s first load, on-demand code included', finderJs) : []),
        ...(loginJs ? initialJsFacts('JS fetched by the sign-in page (first visit of a device)', loginJs) : []),
        ...results.map((result): [string, string] => {
          const seconds = (result.load.buildMs + result.load.writeMs) / 1000;
          return [
            `load ${formatCount(result.size)}`,
            `${seconds.toFixed(1)} s (${formatCount(result.size / seconds)} rows/s; ${(result.load.writeMs / 1000).toFixed(1)} s ` +
              `of it in bulkInsert), ${result.renderedRows} rows rendered in the Finder`
          ];
        })
      ],
      table: { columns: COLUMNS, rows: results.flatMap(tableRows) },
      raw: { sizes: results.map(rawResult), initialJs: { firstPaint: firstPaintJs, finder: finderJs, login: loginJs } }
    };
  }
};

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return CHROMIUM_PATH;
  }
}
