import { BENCH_EMAIL, BENCH_SITE } from '../api/fixtures';

/** Ada on LEEDS, as in the api suite: the busiest site, half of the seeded interactions. */
export { BENCH_EMAIL, BENCH_SITE };

export const PULL_PATH = `/api/sync/${BENCH_SITE.id}/pull`;
export const PUSH_PATH = `/api/sync/${BENCH_SITE.id}/push`;
export const STREAM_PATH = `/api/sync/${BENCH_SITE.id}/stream`;

/**
 * Served by `baseline-route.ts` in the server process only: a pull page from memory. Under /api/
 * so that every hook keyed on the path treats it as it treats the pull.
 */
export const BASELINE_PULL_PATH = `/api/bench/sync/${BENCH_SITE.id}/pull`;
