import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { PG_TYPE, parseInt8, type Database, type Queryable } from './database';
import { claimDataDir } from './pglite-lock';

/**
 * The extensions every PGlite database here is opened with; a data folder created with one cannot
 * be opened without it. The full-text index holds each row's site too (migrations/0006_site_search_index.sql).
 */
export const PGLITE_EXTENSIONS = { btree_gin };

export interface PgliteOptions {
  /** Folder for the data files; in memory when omitted (tests). */
  dataDir?: string;
}

/**
 * Embedded Postgres, compiled to WebAssembly, for running with no external service. It is one
 * connection: queries queue behind each other, and a transaction holds the queue until it ends.
 */
export async function openPgliteDatabase(options: PgliteOptions = {}): Promise<Database> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const release = options.dataDir ? claimDataDir(options.dataDir) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(options.dataDir, {
      parsers: { [PG_TYPE.int8]: parseInt8 },
      extensions: PGLITE_EXTENSIONS
    });
  } catch (error) {
    release();
    throw error;
  }
  await db.exec(`SET TimeZone = 'UTC'`);

  const wrap = (target: PGlite | Transaction): Queryable => ({
    async query(sql, params) {
      const result = await target.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as never[], rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql) {
      await target.exec(sql);
    }
  });

  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    // One process owns the data folder, so notifications never have to cross a connection.
    listen: (channel, listener) => db.listen(channel, (payload) => listener.notify(payload)),
    close: async () => {
      await db.close();
      release();
    }
  };
}
