import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type DisposableDatabase } from '../helpers/test-databases';

// The same statements must give the same JavaScript values on both engines; the rest of the server
// is written once against the Database interface and must not be able to tell them apart.
describe.each(testDatabases)('Database on $kind', (testDatabase) => {
  let handle: DisposableDatabase;

  beforeAll(async () => {
    handle = await testDatabase.open();
    await handle.db.exec(`
      CREATE TABLE sample (id int PRIMARY KEY, label text, big bigint, at timestamptz, blob bytea, tags text[]);
      CREATE SEQUENCE sample_seq;`);
  });
  afterAll(() => handle.dispose());

  it('reports its kind', () => {
    expect(handle.db.kind).toBe(testDatabase.kind);
  });

  it('returns the same JavaScript types for the column types the server uses', async () => {
    const at = new Date('2026-03-01T09:30:00.123Z');
    await handle.db.query('INSERT INTO sample VALUES ($1, $2, $3, $4, $5, $6)', [
      1,
      'Ünïcode ✓ 👍',
      9_007_199_254_740_991,
      at,
      new Uint8Array([0, 1, 254, 255]),
      ['a', 'b,c', 'd"e']
    ]);
    const { rows } = await handle.db.query('SELECT * FROM sample WHERE id = 1');
    expect(rows).toEqual([
      {
        id: 1,
        label: 'Ünïcode ✓ 👍',
        big: 9_007_199_254_740_991,
        at,
        blob: new Uint8Array([0, 1, 254, 255]),
        tags: ['a', 'b,c', 'd"e']
      }
    ]);
    expect(Object.getPrototypeOf(rows[0].blob)).toBe(Uint8Array.prototype);
  });

  it('returns counts and sequence values as numbers', async () => {
    const { rows } = await handle.db.query(`SELECT count(*) AS n, nextval('sample_seq') AS seq`);
    expect(rows[0]).toEqual({ n: 1, seq: 1 });
  });

  it('counts written rows, and no rows for a read', async () => {
    const insert = await handle.db.query(`INSERT INTO sample (id, label) VALUES (2, 'x'), (3, 'y')`);
    const update = await handle.db.query(`UPDATE sample SET label = 'z' WHERE id IN (2, 3) RETURNING id`);
    const select = await handle.db.query('SELECT * FROM sample');
    const remove = await handle.db.query('DELETE FROM sample WHERE id IN (2, 3)');
    expect([insert.rowCount, update.rowCount, update.rows.length, select.rowCount, remove.rowCount]).toEqual([
      2, 2, 2, 0, 2
    ]);
  });

  it('commits a transaction whose work resolves', async () => {
    const result = await handle.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO sample (id, label) VALUES (10, 'committed')`);
      return 'done';
    });
    expect(result).toBe('done');
    const { rows } = await handle.db.query('SELECT label FROM sample WHERE id = 10');
    expect(rows).toEqual([{ label: 'committed' }]);
  });

  it('rolls back a transaction whose work throws, and passes the error on', async () => {
    const failure = handle.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO sample (id, label) VALUES (11, 'rolled back')`);
      throw new Error('changed my mind');
    });
    await expect(failure).rejects.toThrow('changed my mind');
    const { rows } = await handle.db.query('SELECT * FROM sample WHERE id = 11');
    expect(rows).toEqual([]);
  });

  it('reports a constraint violation with its Postgres error code', async () => {
    await expect(handle.db.query(`INSERT INTO sample (id) VALUES (1)`)).rejects.toMatchObject({ code: '23505' });
  });

  it('runs a script of several statements', async () => {
    await handle.db.exec(`CREATE TABLE script_a (id int); CREATE TABLE script_b (id int);`);
    const { rows } = await handle.db.query(
      `SELECT count(*) AS n FROM pg_tables WHERE tablename IN ('script_a', 'script_b')`
    );
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('reads and writes timestamps in UTC', async () => {
    const { rows } = await handle.db.query(`SELECT current_setting('TimeZone') AS zone`);
    expect(rows[0]).toEqual({ zone: 'UTC' });
  });
});
