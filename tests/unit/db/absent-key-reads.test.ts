import type Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LISTED_KEYS_PER_ID, MIN_IDS_TO_LIST, absentKeyReads } from '$lib/db/absent-key-reads';
import { openRecordedDatabase } from './recorded-dexie';

interface Row {
  id: string;
  n: number;
}

async function store(rows: Row[]): Promise<{ db: Dexie; reads: number[] }> {
  const { db, recorded } = await openRecordedDatabase(absentKeyReads);
  await db.table('docs').bulkPut(rows);
  recorded.gets.length = 0;
  return { db, reads: recorded.gets };
}

const id = (n: number) => `id-${String(n).padStart(6, '0')}`;
const rows = (from: number, to: number): Row[] => Array.from({ length: to - from }, (_, i) => ({ id: id(from + i), n: from + i }));

describe('reading a batch of ids', () => {
  it('answers absent ids from one key listing and requests only the stored ones', async () => {
    // Every tenth id stored, so a batch spans stored and absent ids alike.
    const { db, reads } = await store(rows(0, 200).filter((row) => row.n % 10 === 0));
    const ids = rows(0, 200).map((row) => row.id).reverse();

    const found = await db.table('docs').bulkGet(ids);

    expect(found).toEqual(ids.map((key) => (Number(key.slice(3)) % 10 === 0 ? { id: key, n: Number(key.slice(3)) } : undefined)));
    expect(reads).toEqual([20]);
  });

  it('requests nothing when no id is stored', async () => {
    const { db, reads } = await store(rows(1_000, 1_010));
    const ids = rows(0, 100).map((row) => row.id);

    expect(await db.table('docs').bulkGet(ids)).toEqual(ids.map(() => undefined));
    expect(reads).toEqual([]);
  });

  it('gives a repeated id its document in every place', async () => {
    const { db } = await store(rows(0, 10));
    const ids = [...rows(0, 100).map((row) => row.id), id(3), id(3)];

    const found = await db.table('docs').bulkGet(ids);

    expect(found.at(-1)).toEqual({ id: id(3), n: 3 });
    expect(found.at(-2)).toEqual({ id: id(3), n: 3 });
    expect(found.filter(Boolean)).toHaveLength(12);
  });

  it('leaves small batches and keys that are not text to Dexie', async () => {
    const { db, reads } = await store(rows(0, 10));
    await db.table('docs').bulkGet(rows(0, MIN_IDS_TO_LIST - 1).map((row) => row.id));
    await db.table('docs').bulkGet([...rows(0, MIN_IDS_TO_LIST).map((row) => row.id), 7]);

    expect(reads).toEqual([MIN_IDS_TO_LIST - 1, MIN_IDS_TO_LIST + 1]);
  });

  it('stops listing keys for a store that holds too many in the range', async () => {
    const batch = MIN_IDS_TO_LIST;
    const { db, reads } = await store(rows(0, batch * LISTED_KEYS_PER_ID + 1));
    // Every 16th id of the store: the range between them holds more keys than the listing reads.
    const ids = rows(0, batch).map((row) => id(row.n * LISTED_KEYS_PER_ID));

    expect(await db.table('docs').bulkGet(ids)).toEqual(ids.map((key) => ({ id: key, n: Number(key.slice(3)) })));
    expect(reads).toEqual([batch]);
    // And from then on does not list at all, even for ids that are all absent.
    const absent = rows(10_000_000, 10_000_000 + batch).map((row) => row.id);
    await db.table('docs').bulkGet(absent);
    expect(reads).toEqual([batch, batch]);
  });

  it('stops listing keys for a store whose batches are mostly there anyway', async () => {
    const { db, reads } = await store(rows(0, 100));
    await db.table('docs').bulkGet(rows(0, 100).map((row) => row.id));
    await db.table('docs').bulkGet(rows(500, 600).map((row) => row.id));

    expect(reads).toEqual([100, 100]);
  });

  it('reads inside the caller’s write transaction, seeing its writes', async () => {
    const { db } = await store([]);
    const table = db.table('docs');
    const ids = rows(0, 100).map((row) => row.id);

    const found = await db.transaction('rw', table, async () => {
      await table.put({ id: id(42), n: 42 });
      return table.bulkGet(ids);
    });

    expect(found.filter(Boolean)).toEqual([{ id: id(42), n: 42 }]);
  });
});
