/** The one query a summary needs; PGlite and the server's Database interface both have it. */
export interface RowReader {
  query<Row>(sql: string): Promise<{ rows: Row[] }>;
}

/** The tables in the database's own schemas: anything a restore would collide with. */
export async function userTables(db: RowReader): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
     ORDER BY 1`);
  return rows.map((row) => row.name);
}

/**
 * One line saying what the database holds, for a person to check a backup or restore against:
 * "3 sites, 5 users, 500 interactions, 512 history entries; migrations up to 0011_record_provenance.sql".
 */
export async function describeContents(db: RowReader): Promise<string> {
  const { rows } = await db.query<{ sites: number; users: number; interactions: number; history: number; migration: string | null }>(`
    SELECT (SELECT count(*) FROM sites)::int AS sites,
           (SELECT count(*) FROM users)::int AS users,
           (SELECT count(*) FROM interactions)::int AS interactions,
           (SELECT count(*) FROM interaction_history)::int AS history,
           (SELECT name FROM schema_migrations ORDER BY version DESC LIMIT 1) AS migration`);
  const { sites, users, interactions, history, migration } = rows[0];
  return `${sites} sites, ${users} users, ${interactions} interactions, ${history} history entries; migrations up to ${migration ?? 'none'}`;
}
