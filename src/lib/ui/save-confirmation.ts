import type { SyncPhase } from '$lib/sync/sync-status';

export type ConfirmedAction = 'saved' | 'deleted';

export interface ConfirmationInput {
  action: ConfirmedAction;
  title: string;
  /** The change has not reached the server yet. */
  pending: boolean;
  /** The sync state of the record's site, as the sync pill would say it. */
  phase: SyncPhase;
}

/**
 * The short line confirming a save or delete, saying where the change is: on this device only
 * (and what it waits for), or on the server too. Said as it is, since a change saved offline is safe
 * here but nobody else sees it yet.
 */
export function confirmationText({ action, title, pending, phase }: ConfirmationInput): string {
  const done = `${action === 'saved' ? 'Saved' : 'Deleted'} “${title}”`;
  if (!pending) return `${done} · synced`;
  const waiting: Partial<Record<SyncPhase, string>> = {
    offline: 'will sync when online',
    'signed-out': 'will sync once you sign in again',
    error: 'not synced yet: see the sync status'
  };
  return `${done} on this device · ${waiting[phase] ?? 'syncing…'}`;
}
