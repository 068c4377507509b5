import { migrate } from '../../sync-server/db/migrations';
import type { Database } from '../../sync-server/db/database';
import { openDatabase } from '../../sync-server/db/open-database';
import { hasAnyData, seedDemoData } from '../../sync-server/demo/seed-demo-data';
import type { BenchDatabase } from './bench-database';

export interface SeedReport {
  /** False when the database already held data (a kept BENCH_DATABASE_URL) and was used as it was. */
  seeded: boolean;
  interactions: number;
  seconds: number;
  perSecond: number;
}

/**
 * Migrates the database and fills it with the demo directory and `interactions` demo
 * interactions, then closes it: PGlite allows one process at a time, and the server is next.
 */
export async function seedDatabase(options: {
  database: BenchDatabase;
  interactions: number;
  log: (line: string) => void;
}): Promise<SeedReport> {
  const db = await openDatabase(options.database.settings);
  try {
    await migrate(db);
    if (await hasAnyData(db)) {
      const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM interactions');
      options.log(`database already holds ${rows[0].count.toLocaleString('en')} interactions: seeding skipped`);
      await vacuum(db, options.log);
      return { seeded: false, interactions: rows[0].count, seconds: 0, perSecond: 0 };
    }

    options.log(`seeding ${options.interactions.toLocaleString('en')} interactions…`);
    const quarter = Math.max(1, Math.ceil(options.interactions / 4));
    let nextReport = quarter;
    const started = performance.now();
    const counts = await seedDemoData(db, {
      interactions: options.interactions,
      onProgress(done, total) {
        if (done < nextReport || done === total) return;
        nextReport += quarter;
        options.log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    await vacuum(db, options.log);
    return { seeded: true, interactions: counts.interactions, seconds, perSecond: counts.interactions / seconds };
  } finally {
    await db.close();
  }
}

/**
 * Leaves the database as autovacuum keeps a server's: dead rows removed and statistics fresh. A
 * kept database holds every row the earlier runs rewrote (a sync run rewrites 30,000), which a
 * Postgres with autovacuum off never clears, so each run would measure more bloat than the last.
 * Without statistics, the first scenarios after a bulk load would run on plans made for empty
 * tables. pgbench vacuums before each run for the same reasons.
 */
async function vacuum(db: Database, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await db.exec('VACUUM (ANALYZE)');
  log(`vacuumed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
