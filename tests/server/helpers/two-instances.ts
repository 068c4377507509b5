import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../sync-server/db/database';
import { openPostgresDatabase } from '../../../sync-server/db/postgres-database';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { listen } from '../sync/event-stream-client';
import { UNTHROTTLED } from '../sync/replica';
import { buildTestApp } from './build-app';
import type { TestDatabase } from './test-databases';

/** Two server instances on one Postgres database, as behind a load balancer, both listening. */
export interface TwoInstances {
  /** The database the first instance uses, for reading what was stored. */
  db: Database;
  first: FastifyInstance;
  second: FastifyInstance;
  firstUrl: string;
  secondUrl: string;
  close(): Promise<void>;
}

/** Opens a fresh database with the demo directory (no interactions) and two instances on it. */
export async function openTwoInstances(postgres: TestDatabase): Promise<TwoInstances> {
  const handle = await postgres.open();
  const first = await buildTestApp({ database: handle.db, env: UNTHROTTLED });
  await seedDemoData(handle.db, { interactions: 0 });
  // Its own pool, as another process would have: the instances share nothing but Postgres.
  const secondDb = openPostgresDatabase({ connectionString: handle.url!, maxConnections: 4 });
  const second = await buildTestApp({ database: secondDb, env: UNTHROTTLED });
  return {
    db: handle.db,
    first,
    second,
    firstUrl: await listen(first),
    secondUrl: await listen(second),
    async close() {
      await second.close();
      await secondDb.close();
      await first.close();
      await handle.dispose();
    }
  };
}
