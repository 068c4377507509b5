import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../sync-server/db/database';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { START_POSITION, listChangesSince } from '../../../sync-server/repositories/sync-repository';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';
import { migrate } from '../../../sync-server/db/migrations';

/** The plan Postgres chooses for the statement a call sends, as text. */
async function planOf(db: Queryable, call: (recorder: Queryable) => Promise<unknown>): Promise<string> {
  let sent: { sql: string; params?: readonly unknown[] } | undefined;
  const recorder: Queryable = {
    query: async (sql, params) => {
      sent = { sql, params };
      return { rows: [], rowCount: 0 };
    },
    exec: async () => {}
  };
  await call(recorder);
  if (!sent) throw new Error('the call sent no statement');
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sent.sql}`, sent.params);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

// The names a pull sends (createdByName, updatedByName) are read per row sent, by primary key, so
// the pull still walks the site's sync order index rather than joining or sorting every row.
describe.each(testDatabases)('the pull query on $kind', (testDatabase) => {
  let handle: DisposableDatabase;

  beforeAll(async () => {
    handle = await testDatabase.open();
    await migrate(handle.db);
    await seedDemoData(handle.db, { interactions: 3_000 });
    // An organisation's worth of people: with the five demo users a scan of the table is cheaper
    // than its index, and the planner rightly takes it.
    await handle.db.query(
      `INSERT INTO users (id, auth_subject, email, name)
       SELECT gen_random_uuid(), 'dev|person' || n, 'person' || n || '@example.org', 'Person ' || n
         FROM generate_series(1, 2000) n`
    );
    await handle.db.exec('ANALYZE users');
  });
  afterAll(() => handle?.dispose());

  it('reads the site’s rows through its sync index, and each name through the users’ primary key', async () => {
    const plan = await planOf(handle.db, (recorder) => listChangesSince(recorder, LEEDS.id, START_POSITION, 100));
    expect(plan).toMatch(/Index Scan using interactions_site_sync_idx/);
    expect(plan).not.toMatch(/Seq Scan on interactions|Sort\b/);
    expect(plan.match(/Index Scan using users_pkey/g)).toHaveLength(2);
  });
});
