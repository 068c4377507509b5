import { BehaviorSubject } from 'rxjs';
import type { RefusedDocument } from '$lib/domain/sync-protocol';
import { SyncRequestError } from './sync-api';

export type SyncPhase =
  /** Another tab of this browser replicates the site; this one sees its data through the database. */
  | 'standby'
  | 'syncing'
  | 'synced'
  /** The server cannot be reached; changes wait on this device. */
  | 'offline'
  | 'error'
  /** The server refused the credentials: waiting until the person signs in again. */
  | 'signed-out';

export interface SiteSyncStatus {
  siteId: string;
  phase: SyncPhase;
  /** When this device last finished exchanging changes with the server (ISO). */
  lastSyncedAt: string | null;
  error: string | null;
  /** While a large catch-up runs: documents received so far out of those the server had. */
  progress: { received: number; total: number } | null;
  /** Changes the server would not take, with its reasons; they stay on this device. */
  refused: RefusedDocument[];
}

/** One site's sync status, as a stream that emits only when something in it changed. */
export class SyncStatus {
  readonly status$: BehaviorSubject<SiteSyncStatus>;

  constructor(siteId: string, phase: SyncPhase) {
    this.status$ = new BehaviorSubject<SiteSyncStatus>({ siteId, phase, lastSyncedAt: null, error: null, progress: null, refused: [] });
  }

  get value(): SiteSyncStatus {
    return this.status$.value;
  }

  update(change: Partial<SiteSyncStatus>): void {
    const current = this.status$.value;
    if (Object.entries(change).every(([key, value]) => current[key as keyof SiteSyncStatus] === value)) return;
    this.status$.next({ ...current, ...change });
  }

  /** Shows what a failed request means for the person: offline, or an error to read. */
  failed(error: unknown): void {
    if (isNetworkFailure(error) || isServerUnavailable(error)) this.update({ phase: 'offline', error: null });
    else this.update({ phase: 'error', error: error instanceof Error ? error.message : String(error) });
  }

  /**
   * Counts a pull's documents into the catch-up's progress. `remaining` comes with the first pull
   * only: what the server still had after it.
   */
  pulled(received: number, remaining: number | undefined, batchSize: number): void {
    const progress = this.value.progress;
    if (remaining !== undefined) {
      // Worth a progress bar once it takes more than one batch: a second one of 2,000 is a second or more.
      this.update({ progress: remaining > 0 ? { received, total: received + remaining } : null });
    } else if (progress) {
      const done = received < batchSize || progress.received + received >= progress.total;
      this.update({ progress: done ? null : { ...progress, received: progress.received + received } });
    }
  }

  complete(): void {
    this.status$.complete();
  }
}

function isNetworkFailure(error: unknown): boolean {
  // fetch rejects with a TypeError when no connection could be made; a timeout is an AbortError.
  return error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError');
}

// The server, its proxy or its database is down for a moment (503 DATABASE_UNAVAILABLE, a gateway's
// 502/504): like being offline, the changes wait and the replication retries on its own.
function isServerUnavailable(error: unknown): boolean {
  return error instanceof SyncRequestError && [502, 503, 504].includes(error.status);
}
