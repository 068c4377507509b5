import type { SiteSyncStatus, SyncPhase } from '$lib/sync';

/** What each sync state is called wherever it is shown. */
export const PHASE_LABELS: Record<SyncPhase, string> = {
  standby: 'Synced in another tab',
  syncing: 'Syncing…',
  synced: 'Synced',
  offline: 'Offline',
  error: 'Sync error',
  'signed-out': 'Sign in to sync'
};

// The state that most needs the person's attention speaks for all sites.
const PRECEDENCE: SyncPhase[] = ['signed-out', 'error', 'offline', 'syncing', 'standby', 'synced'];

/** One state for the whole app: the device's own network first, then the most urgent site's. */
export function combinedPhase(sites: readonly SiteSyncStatus[], online: boolean): SyncPhase {
  if (!online) return 'offline';
  if (sites.length === 0) return 'syncing';
  return PRECEDENCE.find((phase) => sites.some((site) => site.phase === phase)) ?? 'synced';
}

/** The first site still catching up, for the progress bar. */
export function initialSyncProgress(sites: readonly SiteSyncStatus[]): (SiteSyncStatus & { progress: NonNullable<SiteSyncStatus['progress']> }) | undefined {
  return sites.find((site): site is SiteSyncStatus & { progress: NonNullable<SiteSyncStatus['progress']> } => site.progress !== null);
}
