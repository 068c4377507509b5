import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INTERACTION_TYPES, INTERACTION_FIELD_NAMES, validateInteractionFields, type InteractionFields } from '../../../src/lib/domain';
import { decodeInteractionState, readInteractionFields } from '../../../src/lib/domain/crdt';
import type { Queryable } from '../../../sync-server/db/database';
import { migrate } from '../../../sync-server/db/migrations';
import { generateInteractions, type DemoInteraction } from '../../../sync-server/demo/generate-interactions';
import { clearAllData, hasAnyData, seedDemoData } from '../../../sync-server/demo/seed-demo-data';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

const COUNT = 250;
const SEED = 42;

interface StoredInteraction {
  row: DemoInteraction;
  serverSeq: number;
}

describe.each(testDatabases)('seedDemoData on $kind', (testDatabase) => {
  let handle: DisposableDatabase;

  beforeAll(async () => {
    handle = await testDatabase.open();
    await migrate(handle.db);
  });
  afterAll(() => handle?.dispose());

  beforeEach(async () => {
    await clearAllData(handle.db);
    await seedDemoData(handle.db, { interactions: COUNT, seed: SEED });
  });

  it('writes the three sites, with the domain’s interaction types, and exactly the demo users with their roles', async () => {
    const sites = await handle.db.query<{ name: string; types: string[] }>(
      'SELECT name, interaction_types AS types FROM sites ORDER BY name'
    );
    expect(sites.rows.map((site) => site.name)).toEqual([
      'Leeds Community Hub',
      'Nairobi Field Office',
      'Toronto Newcomer Centre'
    ]);
    for (const site of sites.rows) expect(site.types, site.name).toEqual(DEFAULT_INTERACTION_TYPES);
    const memberships = await handle.db.query(`
      SELECT u.email, u.auth_subject, s.name AS site, us.role
      FROM users u JOIN user_sites us ON us.user_id = u.id JOIN sites s ON s.id = us.site_id
      ORDER BY u.email, s.name`);
    expect(memberships.rows).toEqual([
      { email: 'ada@example.org', auth_subject: 'dev|ada@example.org', site: 'Leeds Community Hub', role: 'admin' },
      { email: 'ada@example.org', auth_subject: 'dev|ada@example.org', site: 'Toronto Newcomer Centre', role: 'admin' },
      { email: 'ben@example.org', auth_subject: 'dev|ben@example.org', site: 'Leeds Community Hub', role: 'user' },
      { email: 'cleo@example.org', auth_subject: 'dev|cleo@example.org', site: 'Leeds Community Hub', role: 'viewer' },
      { email: 'dev@example.org', auth_subject: 'dev|dev@example.org', site: 'Nairobi Field Office', role: 'user' },
      { email: 'dev@example.org', auth_subject: 'dev|dev@example.org', site: 'Toronto Newcomer Centre', role: 'user' },
      { email: 'eve@example.org', auth_subject: 'dev|eve@example.org', site: 'Nairobi Field Office', role: 'user' }
    ]);
    const users = await handle.db.query('SELECT count(*) AS n FROM users');
    expect(users.rows[0]).toEqual({ n: 5 });
  });

  it('stores exactly the interactions the generator yields for the seed, numbered in order', async () => {
    const stored = await readInteractions(handle.db);
    const expected = [...generateInteractions({ count: COUNT, seed: SEED })].map((item) => item.interaction);
    expect(stored.map((item) => item.row)).toEqual(expected);
    const seqs = stored.map((item) => item.serverSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(COUNT);
  });

  it('stores interactions that pass validation and whose CRDT holds the same fields', async () => {
    for (const { row } of await readInteractions(handle.db)) {
      const fields = pickFields(row);
      expect(validateInteractionFields(fields)).toEqual({ ok: true, value: fields });
      expect(readInteractionFields(decodeInteractionState(row.crdt))).toEqual(fields);
    }
  });

  it("writes one 'create' history entry per interaction, authored when it was created", async () => {
    const { rows } = await handle.db.query(
      `SELECT count(*) AS n FROM interactions i JOIN interaction_history h ON h.interaction_id = i.id
      WHERE h.action = 'create' AND h.site_id = i.site_id AND h.user_id = i.created_by
        AND h.authored_at = i.created_at AND h.changed_fields = $1::varchar(50)[]`,
      [INTERACTION_FIELD_NAMES]
    );
    expect(rows[0]).toEqual({ n: COUNT });
    const history = await handle.db.query('SELECT count(*) AS n FROM interaction_history');
    expect(history.rows[0]).toEqual({ n: COUNT });
  });

  it('writes identical rows for the same seed and different ones for another seed', async () => {
    const first = await readInteractions(handle.db);

    await clearAllData(handle.db);
    await seedDemoData(handle.db, { interactions: COUNT, seed: SEED });
    const again = await readInteractions(handle.db);
    expect(again.map((item) => item.row)).toEqual(first.map((item) => item.row));

    await clearAllData(handle.db);
    await seedDemoData(handle.db, { interactions: COUNT, seed: SEED + 1 });
    const other = new Set((await readInteractions(handle.db)).map((item) => item.row.id));
    expect(first.filter((item) => other.has(item.row.id))).toEqual([]);
  });

  it('leaves the replication sequence ahead of every stored server_seq, also after clearing', async () => {
    const before = await readInteractions(handle.db);
    await clearAllData(handle.db);
    await seedDemoData(handle.db, { interactions: COUNT, seed: SEED });
    const after = await readInteractions(handle.db);
    // A checkpoint taken before the re-seed must still see every new row.
    expect(Math.min(...after.map((item) => item.serverSeq))).toBeGreaterThan(
      Math.max(...before.map((item) => item.serverSeq))
    );
    const { rows } = await handle.db.query<{ next: number }>("SELECT nextval('interactions_server_seq') AS next");
    expect(rows[0].next).toBeGreaterThan(Math.max(...after.map((item) => item.serverSeq)));
  });

  it('reports progress after each batch, ending at the total', async () => {
    await clearAllData(handle.db);
    const calls: [number, number][] = [];
    const counts = await seedDemoData(handle.db, {
      interactions: 2_100,
      seed: SEED,
      onProgress: (done, total) => calls.push([done, total])
    });
    expect(counts).toEqual({ sites: 3, users: 5, interactions: 2_100 });
    expect(calls).toEqual([
      [2_000, 2_100],
      [2_100, 2_100]
    ]);
  });

  it('hasAnyData tells a seeded database from an empty one', async () => {
    expect(await hasAnyData(handle.db)).toBe(true);
    await clearAllData(handle.db);
    expect(await hasAnyData(handle.db)).toBe(false);
  });

  it('clearAllData empties every table it seeds', async () => {
    await clearAllData(handle.db);
    for (const table of ['interaction_history', 'interactions', 'user_sites', 'users', 'sites']) {
      const { rows } = await handle.db.query(`SELECT count(*) AS n FROM ${table}`);
      expect(rows[0], table).toEqual({ n: 0 });
    }
  });
});

async function readInteractions(db: Queryable): Promise<StoredInteraction[]> {
  const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM interactions ORDER BY server_seq');
  const iso = (value: unknown) => (value as Date).toISOString();
  return rows.map((row) => ({
    serverSeq: row.server_seq as number,
    row: {
      id: row.id as string,
      siteId: row.site_id as string,
      createdBy: row.created_by as string,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      deleted: row.deleted as boolean,
      title: row.title as string,
      type: row.type as string,
      lead: row.lead as string,
      startDatetime: iso(row.start_datetime),
      endDatetime: iso(row.end_datetime),
      timezone: row.timezone as string,
      location: row.location as string | null,
      description: row.description as string,
      notes: row.notes as string | null,
      crdt: row.crdt as Uint8Array
    }
  }));
}

function pickFields(row: DemoInteraction): InteractionFields {
  return Object.fromEntries(INTERACTION_FIELD_NAMES.map((name) => [name, row[name]])) as InteractionFields;
}
