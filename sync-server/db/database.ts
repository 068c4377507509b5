/**
 * The one interface the rest of the server sees. Two implementations sit behind it (a pg Pool for a
 * real Postgres, embedded PGlite otherwise), and they return the same JavaScript types for the same
 * SQL, so nothing above this layer can tell which one it has.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements with no parameters, such as a migration file. */
  exec(sql: string): Promise<void>;
}

export interface QueryResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement. */
  rowCount: number;
}

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Receives the payloads NOTIFY sends on a channel (after each commit) until unlistened. */
  listen(channel: string, listener: NotificationListener): Promise<Unlisten>;
  close(): Promise<void>;
}

export interface NotificationListener {
  notify(payload: string): void;
  /**
   * Called after the listening connection was lost and made again: whatever was announced in
   * between is unknown, so the listener must catch up by other means.
   */
  missed?(): void;
}

export type Unlisten = () => Promise<void>;

export type DatabaseKind = 'postgres' | 'pglite';

// Postgres type ids whose text form both drivers must parse alike.
export const PG_TYPE = { int8: 20, bytea: 17 } as const;

/**
 * Counts and sequence numbers are int8. Both drivers return them as numbers: the values used here
 * (row counts, server_seq) stay far below 2^53.
 */
export function parseInt8(text: string): number {
  return Number(text);
}
