/** What a run may be told from the environment; every suite reads the same settings. */
export interface BenchSettings {
  /** Measured seconds per scenario, after its warm-up. */
  seconds: number;
  /** Warm-up seconds per scenario: enough for V8 to optimise the hot paths and pg to fill its pool. */
  warmupSeconds: number;
  /** Interactions seeded before the scenarios run. */
  interactions: number;
  /** Concurrent HTTP connections autocannon keeps open. */
  connections: number;
  /** A database to use as it is; a temporary one is created (and dropped) when absent. */
  databaseUrl?: string;
  /** Where the temporary database is created. */
  adminUrl: string;
  /** Local interactions the browser suite loads, one fresh browser profile per size. */
  browserSizes: number[];
  /** Whether the browser suite also records CPU profiles of a Finder open, sorts and saves per size. */
  browserProfile: boolean;
  /** Documents in the site the initial-sync suite replicates into a fresh browser profile. */
  initialSyncDocuments: number;
  /** Fresh profiles the initial-sync suite syncs, one after another; the median is reported. */
  initialSyncRuns: number;
  /** Whether the initial-sync suite also syncs one more fresh profile under the CPU profiler. */
  initialSyncProfile: boolean;
  /** Repeats of the collab suite's head-to-head, each on fresh server processes. */
  collabRuns: number;
  /** Suites named in BENCH_SUITES; empty for all (arguments on the command line take precedence). */
  suites: string[];
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Reads the BENCH_* variables once; a bad value stops the run before anything is created. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const seconds = positiveNumber(env, 'BENCH_SECONDS', 8);
  return {
    seconds,
    warmupSeconds: Math.max(1, Math.round(seconds / 4)),
    interactions: Math.round(positiveNumber(env, 'BENCH_INTERACTIONS', 100_000)),
    connections: Math.round(positiveNumber(env, 'BENCH_CONNECTIONS', 32)),
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    adminUrl: DEFAULT_ADMIN_URL,
    browserSizes: positiveIntegers(env, 'BENCH_BROWSER_SIZES', [10_000, 100_000]),
    browserProfile: env.BENCH_BROWSER_PROFILE === '1',
    initialSyncDocuments: Math.round(positiveNumber(env, 'BENCH_INITIAL_SYNC_DOCUMENTS', 10_000)),
    initialSyncRuns: Math.round(positiveNumber(env, 'BENCH_INITIAL_SYNC_RUNS', 3)),
    initialSyncProfile: env.BENCH_INITIAL_SYNC_PROFILE === '1',
    collabRuns: Math.round(positiveNumber(env, 'BENCH_COLLAB_RUNS', 5)),
    suites: (env.BENCH_SUITES ?? '').split(',').map((name) => name.trim()).filter(Boolean)
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${JSON.stringify(text)}).`);
  return value;
}

function positiveIntegers(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`${name} must be positive whole numbers separated by commas (got ${JSON.stringify(text)}).`);
  }
  return values;
}
