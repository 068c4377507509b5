import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { PUT_CHUNK, chunkedPuts } from '$lib/db/chunked-puts';
import { openRecordedDatabase } from './recorded-dexie';

interface Row {
  id: string;
  n: number;
}

async function store(schema = 'id, n'): Promise<{ db: Dexie; puts: number[] }> {
  const { db, recorded } = await openRecordedDatabase(chunkedPuts, schema);
  return { db, puts: recorded.puts };
}

const rows = (count: number, from = 0): Row[] => Array.from({ length: count }, (_, i) => ({ id: `id-${String(from + i).padStart(6, '0')}`, n: from + i }));

describe('writing many records at once', () => {
  it('places them in chunks, each led by one put, and stores every one', async () => {
    const { db, puts } = await store();
    const written = rows(2 * PUT_CHUNK + 5);

    const keys = await db.table('docs').bulkPut(written, { allKeys: true });

    expect(puts).toEqual([1, PUT_CHUNK - 1, 1, PUT_CHUNK - 1, 1, 4]);
    expect(keys).toEqual(written.map((row) => row.id));
    expect(await db.table('docs').orderBy('id').toArray()).toEqual(written);
  });

  it('leaves writes of up to one chunk, and other kinds of write, to Dexie', async () => {
    const { db, puts } = await store();
    await db.table('docs').bulkPut(rows(PUT_CHUNK));
    await db.table('docs').bulkAdd(rows(PUT_CHUNK + 1, 10_000));
    await db.table('docs').where('n').below(5).modify({ n: -1 });

    expect(puts).toEqual([PUT_CHUNK, 5]);
    expect(await db.table('docs').count()).toBe(2 * PUT_CHUNK + 1);
  });

  it('writes in the caller’s transaction: an abort after it keeps none of the chunks', async () => {
    const { db } = await store();
    const table = db.table('docs');

    await expect(
      db.transaction('rw', table, async () => {
        await table.bulkPut(rows(3 * PUT_CHUNK));
        expect(await table.count()).toBe(3 * PUT_CHUNK);
        throw new Error('changed my mind');
      })
    ).rejects.toThrow('changed my mind');

    expect(await table.count()).toBe(0);
  });

  it('reports a failed record by its place in the whole write, and stores the rest', async () => {
    // A unique index: a record repeating another's tag fails on its own, the others are written.
    const { db } = await store('id, &tag');
    const table = db.table('docs');
    const bad = PUT_CHUNK + 3;
    const written = rows(PUT_CHUNK + 10).map((row, index) => ({ ...row, tag: index === bad ? 'tag-0' : `tag-${index}` }));

    const failure = await table.bulkPut(written).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Dexie.BulkError);
    expect(Object.keys((failure as InstanceType<typeof Dexie.BulkError>).failuresByPos)).toEqual([String(bad)]);
    expect(await table.count()).toBe(written.length - 1);
  });
});
