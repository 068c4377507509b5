import { createHash } from 'node:crypto';
import pg from 'pg';
import { PG_TYPE, parseInt8, type Database, type Queryable, type QueryResult } from './database';
import { DatabaseUnavailableError, asUnavailable } from './database-unavailable';
import { PostgresListener } from './postgres-listener';

const byteaParser = pg.types.getTypeParser(PG_TYPE.bytea);

// Per-pool parsers, so this does not change pg's global defaults for other code in the process.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_TYPE.int8) return parseInt8;
    // PGlite gives a plain Uint8Array; a Buffer would compare unequal in tests and leak Node APIs.
    if (oid === PG_TYPE.bytea) return (text: string) => new Uint8Array(byteaParser(text) as Buffer);
    return pg.types.getTypeParser(oid, format);
  }
} as pg.CustomTypesConfig;

export interface PostgresOptions {
  connectionString: string;
  maxConnections?: number;
  /** Postgres cancels any statement on the pool's connections that runs longer; 0 or absent: never. */
  statementTimeoutMs?: number;
}

export function openPostgresDatabase(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    // Timestamps are read and written as UTC whatever the server's own setting is. JIT off: every
    // query here is short, and compiling one (past jit_above_cost, as a search over many matches
    // is) costs far more time than it saves. The statement timeout is set per connection, so a
    // stuck statement frees its connection instead of holding a slot of the pool indefinitely.
    options: `-c TimeZone=UTC -c jit=off -c statement_timeout=${options.statementTimeoutMs ?? 0}`
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const listener = new PostgresListener(options.connectionString);

  return {
    kind: 'postgres',
    query: (sql, params) => runQuery(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql).catch(rethrowUnavailable);
    },
    async transaction(work) {
      const client = await pool.connect().catch(rethrowUnavailable);
      let broken: unknown;
      // The pool listens for errors on idle clients only. A connection lost between two statements
      // of this transaction (a restart while a push merges) emits 'error' here, and unheard that
      // is an uncaught exception that takes the whole process down.
      const onConnectionError = (error: Error) => {
        broken ??= asUnavailable(error);
      };
      client.on('error', onConnectionError);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (sql, params) => runQuery(client, sql, params),
          exec: async (sql) => {
            await client.query(sql).catch(rethrowUnavailable);
          }
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        broken = asUnavailable(error);
        throw broken;
      } finally {
        client.off('error', onConnectionError);
        // A connection that failed is not handed to the next caller.
        client.release(broken instanceof DatabaseUnavailableError ? broken : undefined);
      }
    },
    listen: (channel, onNotification) => listener.listen(channel, onNotification),
    async close() {
      await listener.close();
      await pool.end();
    }
  };
}

// Statements are prepared once per connection under a name made from their text, so Postgres parses
// and analyses each only once. Bounded: SQL built from many distinct texts falls back to unnamed.
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `s${createHash('sha1').update(sql).digest('base64url')}`;
    statementNames.set(sql, name);
  }
  return name;
}

async function runQuery<Row>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params?: readonly unknown[]
): Promise<QueryResult<Row>> {
  const result = await target
    .query({ text: sql, values: params as unknown[] | undefined, name: statementName(sql) })
    .catch(rethrowUnavailable);
  // pg counts a SELECT's rows here too; PGlite counts only rows written. Keep PGlite's meaning.
  const rowCount = result.command === 'SELECT' ? 0 : (result.rowCount ?? 0);
  return { rows: result.rows as Row[], rowCount };
}

function rethrowUnavailable(error: unknown): never {
  throw asUnavailable(error);
}
