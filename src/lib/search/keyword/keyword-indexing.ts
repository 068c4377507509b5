import { openSiteDatabase } from '$lib/db';
import { deleteStoredIndex } from './index-store';
import { keywordWorkerClient, type KeywordCalls } from './keyword-client';
import type { KeywordHit } from './keyword-index';
import type { KeywordSearchRequest } from './keyword-service';
import { SiteFollower, type FollowedCollection } from './site-follower';

let calls: KeywordCalls | undefined;
const followers = new Map<string, Promise<SiteFollower>>();
const listeners = new Set<(siteId: string) => void>();

function keywordCalls(): KeywordCalls {
  calls ??= keywordWorkerClient(new Worker(new URL('./keyword.worker.ts', import.meta.url), { type: 'module' }));
  return calls;
}

/** Starts keeping these sites' indexes up to date (loading or building them); repeat calls are free. */
export function followSites(siteIds: readonly string[]): void {
  // A failure here is reported by the first search of the site, which waits for the same start.
  for (const siteId of siteIds) void follower(siteId).then((following) => following.ready).catch(() => undefined);
}

function follower(siteId: string): Promise<SiteFollower> {
  let starting = followers.get(siteId);
  if (!starting) {
    starting = (async () => {
      const { interactions } = await openSiteDatabase(siteId);
      return new SiteFollower({
        siteId,
        collection: interactions as unknown as FollowedCollection,
        backend: keywordCalls(),
        onChange: (changed) => listeners.forEach((listener) => listener(changed))
      });
    })();
    followers.set(siteId, starting);
    starting.catch(() => followers.delete(siteId));
  }
  return starting;
}

/** Keyword hits across the sites, once each site's index has caught up with its database. */
export async function keywordSearch(request: KeywordSearchRequest): Promise<KeywordHit[]> {
  await Promise.all(
    request.siteIds.map(async (siteId) => {
      const following = await follower(siteId);
      await following.ready;
      await following.flush();
    })
  );
  return keywordCalls().search(request);
}

/** Calls `listener` with a site's id whenever its index took in changes; returns the unsubscribe. */
export function onKeywordIndexChange(listener: (siteId: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stops following the site and deletes its index from the device. */
export async function removeKeywordIndex(siteId: string): Promise<void> {
  const following = followers.get(siteId);
  followers.delete(siteId);
  (await following?.catch(() => undefined))?.stop();
  if (calls) await calls.remove(siteId);
  else await deleteStoredIndex(indexedDB, siteId);
}
