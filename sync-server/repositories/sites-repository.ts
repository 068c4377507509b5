import type { Queryable } from '../db/database';

/** The interaction types a site allows, or undefined when there is no such site. */
export async function findSiteTypes(db: Queryable, siteId: string): Promise<string[] | undefined> {
  const { rows } = await db.query<{ types: string[] }>('SELECT interaction_types AS types FROM sites WHERE id = $1', [siteId]);
  return rows[0]?.types;
}
