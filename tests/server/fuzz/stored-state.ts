import type { Database } from '../../../sync-server/db/database';

/**
 * A fingerprint of everything a request could change by mistake: each interaction's row version
 * with its number of history entries, and each membership. Compared before and after a case, it
 * shows exactly which records and memberships the case changed.
 *
 * The row version is Postgres's `xmin`, the transaction that wrote it: any insert or update, of any
 * column, gives the row a new one. Hashing the rows instead cost up to half a second per case once
 * the fuzzer had stored a few records with megabyte texts.
 */
export interface StoredState {
  interactions: Map<string, string>;
  memberships: Map<string, string>;
}

export async function readStoredState(db: Database): Promise<StoredState> {
  const interactions = await db.query<{ id: string; fingerprint: string }>(
    `SELECT i.id::text AS id,
            i.xmin::text || ':' || (SELECT count(*) FROM interaction_history h WHERE h.interaction_id = i.id) AS fingerprint
       FROM interactions i`
  );
  const memberships = await db.query<{ key: string; role: string }>(
    `SELECT site_id::text || '/' || user_id::text AS key, role FROM user_sites`
  );
  return {
    interactions: new Map(interactions.rows.map((row) => [row.id, row.fingerprint])),
    memberships: new Map(memberships.rows.map((row) => [row.key, row.role]))
  };
}

/** What changed between two states: interaction ids and `siteId/userId` membership keys. */
export function changesBetween(before: StoredState, after: StoredState): { interactions: string[]; memberships: string[] } {
  return { interactions: changedKeys(before.interactions, after.interactions), memberships: changedKeys(before.memberships, after.memberships) };
}

function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key));
}
