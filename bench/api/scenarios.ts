import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { BASELINE_PATH, BENCH_SITE, LIST_PATH } from './fixtures';

/** The figure a scenario should reach; printed beside the measurement, never enforced. */
export interface Target {
  minRequestsPerSecond: number;
  maxP99Ms?: number;
}

export interface ApiScenario {
  name: string;
  /** What the scenario stands for, for the output. */
  summary: string;
  target?: Target;
  /** Method, path and body; the suite adds the Authorization header. */
  request: autocannon.Request;
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

// Words and phrases people would type, taken from the demo topics (sync-server/demo/topics), from
// frequent ("volunteers", thousands of hits to rank) to rare ("dialysis"). A rotating set keeps one
// cached plan or page from standing in for search as a whole.
const SEARCH_TERMS = [
  'volunteers',
  'food bank',
  'boiler',
  'safeguarding',
  'hospital',
  'grant application',
  'insurance',
  'landlord',
  'phishing',
  'wheelchair',
  'audit',
  'recruitment',
  'mould',
  'solar panels',
  'trustees',
  'dialysis'
];

function searchPath(term: string): string {
  return `/api/search/interactions?q=${encodeURIComponent(term)}&siteId=${BENCH_SITE.id}&limit=20`;
}

function rotating<T>(values: readonly T[]): () => T {
  let next = 0;
  return () => values[next++ % values.length];
}

/** A valid new interaction with a unique title, spread over time like real bookings. */
function createBody(): () => string {
  // Unique per run, so a kept BENCH_DATABASE_URL never sees the same title twice.
  const run = randomBytes(3).toString('hex');
  const firstStart = Date.parse('2026-11-02T09:00:00.000Z');
  let count = 0;
  return () => {
    count++;
    const start = firstStart + count * 15 * 60_000;
    return JSON.stringify({
      siteId: BENCH_SITE.id,
      title: `Benchmark check-in ${run}-${count}`,
      type: 'Meeting',
      lead: 'Ada Lindqvist',
      startDatetime: new Date(start).toISOString(),
      endDatetime: new Date(start + 45 * 60_000).toISOString(),
      timezone: 'Europe/London',
      location: 'Leeds Community Hub, meeting room 2',
      // Realistic length, but none of the search terms: a kept database must not drift their counts.
      description: 'Went through the rota for next month and agreed who covers the Saturday shifts at the hub.',
      notes: 'Send the updated rota round by Friday.'
    });
  };
}

/** In running order: the baseline first, so every later line can be given as a ratio to it. */
export function apiScenarios(): ApiScenario[] {
  const nextTerm = rotating(SEARCH_TERMS);
  const nextBody = createBody();
  return [
    {
      name: 'baseline',
      summary: 'the list page from memory, same auth',
      request: { method: 'GET', path: BASELINE_PATH }
    },
    {
      name: 'list',
      summary: 'GET /api/interactions, first page of 20',
      target: { minRequestsPerSecond: 2_000, maxP99Ms: 50 },
      request: { method: 'GET', path: LIST_PATH }
    },
    {
      name: 'search',
      summary: `GET /api/search/interactions, ${SEARCH_TERMS.length} rotating terms`,
      target: { minRequestsPerSecond: 500, maxP99Ms: 100 },
      request: { method: 'GET', path: searchPath(SEARCH_TERMS[0]) },
      setupRequest: (request) => ({ ...request, path: searchPath(nextTerm()) })
    },
    {
      // Last: it adds rows, which the read scenarios should not see.
      name: 'create',
      summary: 'POST /api/interactions, unique titles',
      target: { minRequestsPerSecond: 1_000 },
      request: { method: 'POST', path: '/api/interactions', headers: { 'content-type': 'application/json' } },
      setupRequest: (request) => ({ ...request, body: nextBody() })
    }
  ];
}
