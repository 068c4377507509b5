import type { SiteSyncStatus, SyncPhase } from '$lib/sync/sync-status';

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

export interface SyncPillInput {
  online: boolean;
  sites: readonly SiteSyncStatus[];
  /** Records changed on this device that the server has not confirmed yet, across every site. */
  unsynced: number;
}

export interface SyncPill {
  phase: SyncPhase;
  label: string;
}

/**
 * The sync pill's one state, from everything it depends on. The replication goes idle as soon as
 * its push is answered, but a change counts as unsynced until the server's copy comes back down the
 * stream a moment later: read apart, the two once said "Synced · 1 unsynced". A change still
 * waiting means syncing (or syncing in the leading tab), never synced.
 */
export function syncPill({ online, sites, unsynced }: SyncPillInput): SyncPill {
  const combined = combinedPhase(sites, online);
  const waiting = unsynced > 0;
  // A change the server refused stays here; the details panel says why.
  const refused = waiting && combined !== 'offline' && combined !== 'signed-out' && sites.some((site) => site.refused.length > 0);
  const phase: SyncPhase = refused ? 'error' : combined === 'synced' && waiting ? 'syncing' : combined;
  const name = phase === 'standby' && waiting ? 'Syncing in another tab' : PHASE_LABELS[phase];
  return { phase, label: waiting ? `${name} · ${unsynced.toLocaleString('en')} unsynced` : name };
}

/**
 * True while the first sync of any of these sites may still bring records: not started yet, in a
 * large catch-up, or syncing without having finished once since the app started. A follower tab
 * (standby) is left out: it never finishes a sync of its own, and the leading tab's records reach
 * it through the shared database.
 */
export function receivingFirstSync(sites: readonly SiteSyncStatus[], siteIds: readonly string[]): boolean {
  return siteIds.some((siteId) => {
    const site = sites.find((candidate) => candidate.siteId === siteId);
    return !site || site.progress !== null || (site.phase === 'syncing' && site.lastSyncedAt === null);
  });
}

/** The first site still catching up, for the progress bar. */
export function initialSyncProgress(sites: readonly SiteSyncStatus[]): (SiteSyncStatus & { progress: NonNullable<SiteSyncStatus['progress']> }) | undefined {
  return sites.find((site): site is SiteSyncStatus & { progress: NonNullable<SiteSyncStatus['progress']> } => site.progress !== null);
}
