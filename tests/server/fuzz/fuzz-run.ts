import { randomInt } from 'node:crypto';
import { testDatabases, type TestDatabase } from '../helpers/test-databases';

/**
 * How much each fuzz file runs, and with which seed.
 *
 * FUZZ_CASES (default 2,400) is the total across the three files: 60 % HTTP requests, 15 % push
 * batches (of one to eight documents each), 25 % socket sessions. The whole count runs on the production engine (Postgres when
 * TEST_DATABASE_URL is set, else PGlite) and a quarter of it on PGlite beside Postgres, which keeps
 * CI within about two minutes while both engines still see every kind of case.
 *
 * Each file draws a fresh seed per run unless FUZZ_SEED names one; the seed is printed when the
 * file starts and with any failure, so a run of that file replays with FUZZ_SEED=<seed>.
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomInt(2 ** 31);
const TOTAL_CASES = Number(process.env.FUZZ_CASES ?? 2_400);
const SECONDARY_ENGINE_SHARE = 0.25;

const SHARES = { routes: 0.6, push: 0.15, socket: 0.25 } as const;
export type FuzzSuite = keyof typeof SHARES;

const primaryEngine = testDatabases.some((database) => database.kind === 'postgres') ? 'postgres' : 'pglite';

/** The number of cases a suite runs on an engine. */
export function casesFor(suite: FuzzSuite, testDatabase: TestDatabase): number {
  const engineShare = testDatabase.kind === primaryEngine ? 1 : SECONDARY_ENGINE_SHARE;
  return Math.max(1, Math.round(TOTAL_CASES * SHARES[suite] * engineShare));
}

/**
 * A test's time budget for its cases: generous for a busy two-core machine, still finite. Measured
 * at FUZZ_CASES=10000 on Postgres with autovacuum off (load 7–14): 6,000 requests took 33 s, and
 * 1,500 push batches 392 s, slowing as the few records they all update bloat.
 */
export function timeoutFor(cases: number, perCaseMs: number): number {
  return 60_000 + cases * perCaseMs;
}

export function announceSeed(suite: FuzzSuite): void {
  console.info(`fuzz ${suite}: seed ${FUZZ_SEED} (replay with FUZZ_SEED=${FUZZ_SEED})`);
}
