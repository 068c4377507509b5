import { auth, session } from '$lib/auth';
import { openSiteDatabase, removeSiteDatabase } from '$lib/db';
import { removeSearchIndexes } from '$lib/search/remove-search-indexes';
import { forgetUnsavedWork } from '$lib/unsaved-work';
import type { SiteSyncStatus } from './sync-status';
import { createSyncApi } from './sync-api';
import type { SyncManager, SyncedSite } from './sync-manager';

/** What the app shows about sync: each site's status, and messages the person should read. */
class SyncState {
  sites = $state<SiteSyncStatus[]>([]);
  notices = $state<string[]>([]);

  dismissNotice(index: number): void {
    this.notices = this.notices.filter((_, position) => position !== index);
  }
}

export const syncState = new SyncState();

let manager: Promise<SyncManager> | undefined;

/**
 * The app's one sync manager, made on first use (in the browser, once signed in). Its code (the
 * replication, the CRDT decoding with Yjs) is a download of its own, so the Finder's first paint
 * does not wait for it. Until it reports, every site counts as receiving its first sync.
 */
function appSyncManager(): Promise<SyncManager> {
  manager ??= import('./sync-manager').then(({ SyncManager, browserSiteRegistry }) => {
    const created = new SyncManager({
      api: createSyncApi({ getAccessToken: () => auth.getAccessToken() }),
      openDatabase: openSiteDatabase,
      removeLocalSite: async (siteId) => {
        await removeSiteDatabase(siteId);
        await removeSearchIndexes(siteId);
        forgetUnsavedWork({ siteIds: [siteId] });
      },
      registry: browserSiteRegistry(),
      onSignInRequired: () => (session.reauthRequired = true),
      onAccessChanged: () => void auth.refresh(),
      notify: (message) => (syncState.notices = [...syncState.notices, message])
    });
    created.overview$.subscribe((overview) => (syncState.sites = overview.sites));
    return created;
  });
  return manager;
}

export const appSync = {
  run: async (sites: SyncedSite[]) => (await appSyncManager()).run(sites),
  // Nothing to resume or stop before the first run has made the manager.
  resume: async () => (await manager)?.resume(),
  stopAll: async () => (await manager)?.stopAll()
};
