import { DEMO_USERS, LEEDS } from '../../sync-server/demo/demo-directory';

/** Ada administers LEEDS and TORONTO: every scenario runs as her, on LEEDS, the busiest site. */
export const BENCH_EMAIL = 'ada@example.org';
export const BENCH_SITE = LEEDS;

if (!DEMO_USERS.some((user) => user.email === BENCH_EMAIL)) {
  throw new Error(`${BENCH_EMAIL} is no longer a demo user; pick another admin of ${LEEDS.name}.`);
}

/** The first page of the site's list, newest first: what the Finder opens with. */
export const LIST_PATH = `/api/interactions?siteId=${BENCH_SITE.id}&limit=20`;

/**
 * Served by `baseline-route.ts` in the server process only. Under /api/ so that every hook keyed
 * on the path (the rate limit skips other paths) treats it as it treats the list.
 */
export const BASELINE_PATH = '/api/bench/baseline';
