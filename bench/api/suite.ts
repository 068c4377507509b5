import { provisionDatabase } from '../lib/bench-database';
import { measureLoad, waitUntilIdle } from '../lib/load';
import { seedDatabase } from '../lib/seed';
import { startServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount } from '../lib/table';
import { BENCH_EMAIL } from './fixtures';
import { COLUMNS, progressLine, rawScenario, tableRow, type Measured } from './report';
import { apiScenarios, type ApiScenario } from './scenarios';

/** The REST API under load on a seeded database, each scenario also as a ratio to a baseline. */
export const apiSuite: BenchSuite = {
  name: 'api',
  summary: 'REST API: list, search and create, against an in-memory baseline behind the same auth',
  async run({ settings, cleanup, workDir, log }) {
    const database = await provisionDatabase({ settings, dataDir: workDir, cleanup });
    log(`database: ${database.description}`);
    const seed = await seedDatabase({ database, interactions: settings.interactions, log });
    const seedText = seed.seeded
      ? `${seed.seconds.toFixed(1)} s, ${formatCount(seed.perSecond)} interactions/s`
      : 'skipped (database not empty)';
    log(`seed: ${seedText}`);

    const server = await startServerProcess({
      env: { DATABASE_URL: database.settings.databaseUrl ?? '', DATA_DIR: workDir },
      extensions: [new URL('./baseline-route.ts', import.meta.url)]
    });
    cleanup.add('stop the server process', server.stop);
    const authorization = `Bearer ${await requestToken(server.url)}`;
    const load = `${settings.connections} connections, pipelining 1, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s each`;
    log(`server on ${server.url}; ${load}`);

    const measured: Measured[] = [];
    for (const scenario of apiScenarios()) {
      const request = { ...scenario.request, headers: { ...scenario.request.headers, authorization } };
      await checkOnce(server.url, scenario, request);
      const result = await measureLoad({
        url: server.url,
        request,
        setupRequest: scenario.setupRequest,
        connections: settings.connections,
        seconds: settings.seconds,
        warmupSeconds: settings.warmupSeconds
      });
      measured.push({ scenario, result });
      log(progressLine({ scenario, result }, measured[0].result));
      await waitUntilIdle(server.url);
    }

    const baseline = measured[0].result;
    return {
      facts: [
        ['database', database.description],
        ['interactions', formatCount(seed.interactions)],
        ['seed', seedText],
        ['server', 'own Node process, production config (pg pool of 10), logging off, rate limit lifted'],
        ['load', load]
      ],
      table: { columns: COLUMNS, rows: measured.map((entry) => tableRow(entry, baseline)) },
      raw: {
        database: { kind: database.kind, description: database.description },
        seed,
        scenarios: measured.map((entry) => rawScenario(entry, baseline))
      }
    };
  }
};

async function requestToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_EMAIL })
  });
  if (!response.ok) throw new Error(`no token for ${BENCH_EMAIL}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * One request before the load, so a scenario that only gets errors says why (the body) instead of
 * reporting a fast stream of 4xx as throughput. Warns rather than throws: the other scenarios
 * still have something to say.
 */
async function checkOnce(baseUrl: string, scenario: ApiScenario, request: ApiScenario['request']): Promise<void> {
  const sample = scenario.setupRequest ? scenario.setupRequest({ ...request }) : request;
  const response = await fetch(`${baseUrl}${sample.path}`, {
    method: sample.method,
    headers: sample.headers as Record<string, string>,
    body: sample.body?.toString()
  });
  if (!response.ok) {
    console.warn(`warning: ${scenario.name} answered ${response.status} before the load: ${(await response.text()).slice(0, 500)}`);
  }
}
