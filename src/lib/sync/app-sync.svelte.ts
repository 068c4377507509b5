import { auth, session } from '$lib/auth';
import { openSiteDatabase, removeSiteDatabase } from '$lib/db';
import { removeSearchIndexes } from '$lib/search/remove-search-indexes';
import { forgetUnsavedWork } from '$lib/unsaved-work';
import type { SiteSyncStatus } from './sync-status';
import { createSyncApi } from './sync-api';
import { SyncManager, browserSiteRegistry, type SyncedSite } from './sync-manager';

/** What the app shows about sync: each site's status, and messages the person should read. */
class SyncState {
  sites = $state<SiteSyncStatus[]>([]);
  notices = $state<string[]>([]);

  dismissNotice(index: number): void {
    this.notices = this.notices.filter((_, position) => position !== index);
  }
}

export const syncState = new SyncState();

let manager: SyncManager | undefined;

/** The app's one sync manager, made on first use (in the browser, once signed in). */
function appSyncManager(): SyncManager {
  if (manager) return manager;
  manager = new SyncManager({
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
  manager.overview$.subscribe((overview) => (syncState.sites = overview.sites));
  return manager;
}

export const appSync = {
  run: (sites: SyncedSite[]) => appSyncManager().run(sites),
  resume: () => manager?.resume() ?? Promise.resolve(),
  stopAll: () => manager?.stopAll() ?? Promise.resolve()
};
