import { defer, switchMap, type Observable } from 'rxjs';
import type { SiteDatabase } from './site-database';
import { openSiteDatabase } from './site-databases';

const unsyncedQuery = (database: SiteDatabase) =>
  database.interactions.count({ selector: { pendingSync: true } });

/** How many interactions of the site changed here and have not reached the server yet. */
export async function countUnsynced(siteId: string): Promise<number> {
  return unsyncedQuery(await openSiteDatabase(siteId)).exec();
}

/** `countUnsynced`, emitted again whenever it changes: for an "N unsynced changes" badge. */
export function observeUnsyncedCount(siteId: string): Observable<number> {
  return defer(() => openSiteDatabase(siteId)).pipe(switchMap((database) => unsyncedQuery(database).$));
}
