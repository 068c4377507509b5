// A Dexie database over fake-indexeddb for testing a middleware: it records what reaches IndexedDB.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Dexie, { type DBCore, type Middleware } from 'dexie';
import { afterEach } from 'vitest';
import { tableMiddleware } from '$lib/db/dexie-middleware';

export interface RecordedRequests {
  /** The number of keys of each document read, in order. */
  gets: number[];
  /** The number of records of each put, in order. */
  puts: number[];
}

const opened: Dexie[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A new database with one table, `docs`, and `middleware` installed above the recorder. */
export async function openRecordedDatabase(middleware: Middleware<DBCore>, schema = 'id'): Promise<{ db: Dexie; recorded: RecordedRequests }> {
  const db = new Dexie(`recorded-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
  const recorded: RecordedRequests = { gets: [], puts: [] };
  db.use(
    tableMiddleware(
      'record-requests',
      () => (table) => ({
        getMany: (request) => {
          recorded.gets.push(request.keys.length);
          return table.getMany(request);
        },
        mutate: (request) => {
          if (request.type === 'put') recorded.puts.push(request.values.length);
          return table.mutate(request);
        }
      }),
      0
    )
  );
  db.use(middleware);
  db.version(1).stores({ docs: schema });
  await db.open();
  opened.push(db);
  return { db, recorded };
}
