import { describe, expect, it } from 'vitest';
import type { SiteSyncStatus, SyncPhase } from '$lib/sync/sync-status';
import type { RefusedDocument } from '$lib/domain/sync-protocol';
import { syncPill, type SyncPillInput } from '$lib/ui/sync-display';

const PHASES: SyncPhase[] = ['standby', 'syncing', 'synced', 'offline', 'error', 'signed-out'];

function site(phase: SyncPhase, change: Partial<SiteSyncStatus> = {}): SiteSyncStatus {
  return { siteId: `site-${phase}`, phase, lastSyncedAt: null, error: null, progress: null, refused: [], ...change };
}

const refusal: RefusedDocument = { id: 'record-1', code: 'VALIDATION_FAILED', message: 'The end is before the start.' };

describe('syncPill', () => {
  it('walks an offline edit through reconnecting without ever calling an unsent change synced', () => {
    // The states the pill passed through when it once read "Synced · 1 unsynced".
    const steps: [SyncPillInput, string][] = [
      [{ online: true, sites: [site('synced')], unsynced: 0 }, 'Synced'],
      [{ online: false, sites: [site('synced')], unsynced: 0 }, 'Offline'],
      [{ online: false, sites: [site('offline')], unsynced: 1 }, 'Offline · 1 unsynced'],
      [{ online: true, sites: [site('offline')], unsynced: 1 }, 'Offline · 1 unsynced'],
      [{ online: true, sites: [site('syncing')], unsynced: 1 }, 'Syncing… · 1 unsynced'],
      // The push was answered; the server's copy has not come back down the stream yet.
      [{ online: true, sites: [site('synced')], unsynced: 1 }, 'Syncing… · 1 unsynced'],
      [{ online: true, sites: [site('synced')], unsynced: 0 }, 'Synced']
    ];
    for (const [input, label] of steps) expect(syncPill(input).label, JSON.stringify(input)).toBe(label);
  });

  it('never says synced while a change waits, whatever the sites report', () => {
    for (const online of [true, false])
      for (const first of PHASES)
        for (const second of PHASES)
          for (const unsynced of [0, 1, 12]) {
            const { label, phase } = syncPill({ online, sites: [site(first), site(second)], unsynced });
            if (unsynced > 0) {
              expect(label, `${online} ${first} ${second}`).not.toMatch(/^Synced/);
              expect(phase).not.toBe('synced');
              expect(label).toMatch(new RegExp(` · ${unsynced} unsynced$`));
            } else {
              expect(label).not.toMatch(/unsynced/);
            }
          }
  });

  it('says a change waits for the leading tab rather than that the other tab is synced', () => {
    expect(syncPill({ online: true, sites: [site('standby')], unsynced: 0 }).label).toBe('Synced in another tab');
    expect(syncPill({ online: true, sites: [site('standby')], unsynced: 2 }).label).toBe('Syncing in another tab · 2 unsynced');
  });

  it('shows an error when the change that waits is one the server refused', () => {
    const pill = syncPill({ online: true, sites: [site('synced', { refused: [refusal] })], unsynced: 1 });
    expect(pill).toEqual({ phase: 'error', label: 'Sync error · 1 unsynced' });
    // Offline, the network is what the person can act on first.
    expect(syncPill({ online: false, sites: [site('synced', { refused: [refusal] })], unsynced: 1 }).label).toBe(
      'Offline · 1 unsynced'
    );
  });

  it('lets the most urgent state speak for every site', () => {
    expect(syncPill({ online: true, sites: [site('synced'), site('signed-out')], unsynced: 0 }).label).toBe('Sign in to sync');
    expect(syncPill({ online: true, sites: [site('syncing'), site('error')], unsynced: 3 }).label).toBe('Sync error · 3 unsynced');
    expect(syncPill({ online: true, sites: [], unsynced: 0 }).label).toBe('Syncing…');
  });
});
