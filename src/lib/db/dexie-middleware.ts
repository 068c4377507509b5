import type { DBCore, DBCoreTable, Middleware } from 'dexie';

/**
 * A Dexie middleware that replaces some methods of every table. `forDatabase` runs once for each
 * database the middleware is installed in (where per-database state belongs) and returns what
 * replaces a table's methods; everything else goes to the layer below unchanged. `level` places
 * it among Dexie's layers: lower is nearer IndexedDB.
 */
export function tableMiddleware(
  name: string,
  forDatabase: () => (table: DBCoreTable) => Partial<DBCoreTable>,
  level?: number
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    level,
    create(down) {
      const replace = forDatabase();
      return {
        ...down,
        table(tableName) {
          const table = down.table(tableName);
          return { ...table, ...replace(table) };
        }
      };
    }
  };
}
