import { fromServerDocument, type InteractionDocument, type SiteDatabase } from '$lib/db';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { BehaviorSubject, Observable } from 'rxjs';
import { readEventStream } from './event-stream-reader';
import { ACCESS_CHANGED_EVENT, MAX_SYNC_BATCH, toPushedDocument, type RefusedDocument, type StreamMessage, type SyncDocument } from './protocol';
import { SiteAccessLostError, SyncAuthError, SyncRequestError, type SyncApi } from './sync-api';

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

export interface SiteReplicationOptions {
  database: SiteDatabase;
  api: SyncApi;
  /** Wait between retries after a failure; RxDB retries at once when the browser comes back online. */
  retryTime?: number;
  /** Documents per pull and per push (by default PULL_BATCH_SIZE and PUSH_BATCH_SIZE). */
  batchSize?: number;
  /** Only the leading tab replicates (the default); tests with one instance per client may skip it. */
  waitForLeadership?: boolean;
  /** Waits before reopening a broken event stream, one per attempt in a row; the last repeats. */
  streamRetryMs?: number[];
  /** The server says the caller may have lost this site: check and purge (see sync-manager). */
  onAccessChanged?: () => void;
  /** The server refused the credentials; the replication waits for `resume`. */
  onSignInRequired?: () => void;
}

export interface SiteReplication {
  readonly siteId: string;
  readonly status$: BehaviorSubject<SiteSyncStatus>;
  readonly rxReplication: RxReplicationState<InteractionDocument, ReplicationCheckpoint>;
  /** Goes on after a new sign-in, retrying what the server refused. */
  resume(): Promise<void>;
  /** Waits until everything known on both sides has been exchanged. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

/** The server's checkpoint as RxDB stores it: RxDB keeps checkpoints as objects. */
export interface ReplicationCheckpoint {
  position: string;
}

// The server's most per pull. Each pull is a round trip, and RxDB stores what has arrived with
// two write transactions (documents, then replication state) plus a checkpoint write, to each of
// which every open query reacts. A fresh device's sync of 10,000 documents took 4.0–4.6 s in batches of 1,000,
// 3.2–3.5 s in batches of 2,000 and 3.8–4.1 s in batches of 4,000, whose first response alone
// takes half a second (bench: initial-sync). The price: the Finder's first rows show about 1.2 s
// after the first request instead of 0.8 s. Live changes come a few at a time anyway.
const PULL_BATCH_SIZE = MAX_SYNC_BATCH;
// A push carries this device's edits, each merged on the server in one transaction.
const PUSH_BATCH_SIZE = 200;
const STREAM_RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** Heartbeats come every 15 s; a stream silent for longer than this is dead and is reopened. */
const STREAM_IDLE_MS = 45_000;

/**
 * Replicates one site's local database with the server (RxDB's replication protocol, DESIGN §4):
 * live, resuming from the stored checkpoint, retrying with a pause between attempts, and in only
 * one tab at a time (RxDB's leader election).
 */
export function replicateSite(options: SiteReplicationOptions): SiteReplication {
  const { database, api } = options;
  const siteId = database.siteId;
  const status$ = new BehaviorSubject<SiteSyncStatus>({
    siteId,
    phase: options.waitForLeadership === false ? 'syncing' : 'standby',
    lastSyncedAt: null,
    error: null,
    progress: null,
    refused: []
  });
  const update = (change: Partial<SiteSyncStatus>) => {
    const current = status$.value;
    if (Object.entries(change).every(([key, value]) => current[key as keyof SiteSyncStatus] === value)) return;
    status$.next({ ...current, ...change });
  };
  let askedRemaining = false;
  let failed = false;

  /**
   * Runs a request; when the server refuses the credentials, waits for a new sign-in and tries
   * again. The request stays pending inside RxDB meanwhile: pausing the replication instead would
   * make RxDB count an unsent push as done, and the change would never be sent.
   */
  async function authenticated<T>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      const attemptedIn = signInCount;
      try {
        const result = await request();
        failed = false;
        return result;
      } catch (error) {
        if (!(error instanceof SyncAuthError)) failure(error);
        // Sent with the old credentials just before a new sign-in: simply try again.
        if (signInCount !== attemptedIn) continue;
        failed = true;
        update({ phase: 'signed-out', error: error.message });
        options.onSignInRequired?.();
        await signedInAgain();
      }
    }
  }

  // Settled by `resume`; shared by every request waiting for the new sign-in.
  let signIn: { promise: Promise<void>; done: () => void } | undefined;
  let signInCount = 0;
  function signedInAgain(): Promise<void> {
    if (!signIn) {
      let done = () => {};
      const promise = new Promise<void>((resolve) => (done = resolve));
      signIn = { promise, done };
    }
    return signIn.promise;
  }

  /** Records a failure for the status and rethrows, for RxDB to retry after a while. */
  function failure(error: unknown): never {
    failed = true;
    if (error instanceof SiteAccessLostError) {
      update({ phase: 'error', error: error.message });
      options.onAccessChanged?.();
    } else if (isNetworkFailure(error) || isServerUnavailable(error)) {
      update({ phase: 'offline', error: null });
    } else {
      update({ phase: 'error', error: error instanceof Error ? error.message : String(error) });
    }
    throw error;
  }

  const rxReplication = replicateRxCollection<InteractionDocument, ReplicationCheckpoint>({
    collection: database.interactions,
    replicationIdentifier: `ims-sync-${siteId}`,
    live: true,
    retryTime: options.retryTime ?? 5_000,
    waitForLeadership: options.waitForLeadership ?? true,
    // A leading tab in the background keeps syncing: the other tabs rely on it, and a person who
    // switched away still wants their changes sent.
    toggleOnDocumentVisible: false,
    autoStart: true,
    pull: {
      batchSize: options.batchSize ?? PULL_BATCH_SIZE,
      modifier: (document: SyncDocument) => fromServerDocument(document),
      handler: async (checkpoint, batchSize) => {
        const withRemaining = !askedRemaining;
        askedRemaining = true;
        const result = await authenticated(() => api.pull(siteId, checkpoint?.position ?? null, batchSize, withRemaining));
        trackProgress(result.documents.length, result.remaining, batchSize);
        return {
          documents: result.documents as never[],
          checkpoint: result.checkpoint ? { position: result.checkpoint } : checkpoint
        };
      },
      stream$: eventStream()
    },
    push: {
      batchSize: options.batchSize ?? PUSH_BATCH_SIZE,
      handler: async (rows) => {
        const pushRows = rows.map((row) => ({
          assumedMasterState: row.assumedMasterState ? { serverSeq: row.assumedMasterState.serverSeq } : null,
          newDocumentState: toPushedDocument(row.newDocumentState)
        }));
        const response = await authenticated(() => api.push(siteId, pushRows));
        const pushed = new Set(rows.map((row) => row.newDocumentState.id));
        update({
          refused: [...status$.value.refused.filter((refusal) => !pushed.has(refusal.id)), ...response.refused]
        });
        // RxDB hands push conflicts to the conflict handler without its pull modifier.
        return response.conflicts.map(fromServerDocument);
      }
    }
  });

  function trackProgress(received: number, remaining: number | undefined, batchSize: number): void {
    const progress = status$.value.progress;
    if (remaining !== undefined) {
      // Worth a progress bar once it takes more than one batch: a second one of 2,000 is a second or more.
      update({ progress: remaining > 0 ? { received, total: received + remaining } : null });
    } else if (progress) {
      const done = received < batchSize || progress.received + received >= progress.total;
      update({ progress: done ? null : { ...progress, received: progress.received + received } });
    }
  }

  // Until this tab leads, another one replicates and RxDB's activity here means nothing.
  let leading = options.waitForLeadership === false;
  let seenActive = false;
  if (!leading) {
    void database.rxDatabase.waitForLeadership().then(() => {
      leading = true;
      if (!rxReplication.isStopped()) update({ phase: 'syncing' });
    });
  }
  rxReplication.active$.subscribe((active) => {
    if (!leading) return;
    if (active) {
      seenActive = true;
      failed = false;
      if (status$.value.phase !== 'signed-out') update({ phase: 'syncing' });
    } else if (seenActive && !failed && !rxReplication.isPaused() && !rxReplication.isStopped()) {
      update({ phase: 'synced', error: null, progress: null, lastSyncedAt: new Date().toISOString() });
    }
  });

  /**
   * The server's live changes as RxDB's pull stream: opened when the replication starts (in the
   * leading tab only) and reopened after every break. Each (re)opening emits RESYNC, so RxDB pulls
   * from its checkpoint whatever happened while the stream was closed.
   */
  function eventStream(): Observable<RxReplicationPullStreamItem<InteractionDocument, ReplicationCheckpoint>> {
    return new Observable((subscriber) => {
      const controller = new AbortController();
      let attempt = 0;
      (async () => {
        while (!controller.signal.aborted) {
          const connection = new AbortController();
          const abortConnection = () => connection.abort();
          controller.signal.addEventListener('abort', abortConnection);
          let idleTimer: ReturnType<typeof setTimeout> | undefined;
          const stillAlive = () => {
            clearTimeout(idleTimer);
            idleTimer = setTimeout(abortConnection, STREAM_IDLE_MS);
          };
          try {
            const response = await api.openStream(siteId, connection.signal);
            if (!response.body) throw new Error('The stream has no body.');
            attempt = 0;
            stillAlive();
            subscriber.next('RESYNC');
            await readEventStream(response.body, (event) => {
              stillAlive();
              if (event.event === ACCESS_CHANGED_EVENT) options.onAccessChanged?.();
              else subscriber.next(toStreamItem(JSON.parse(event.data) as StreamMessage));
            }, stillAlive);
          } catch (error) {
            if (controller.signal.aborted) return;
            if (error instanceof SyncAuthError) {
              // The pull is refused the same way and reports it; the stream waits for the sign-in.
              await signedInAgain();
              continue;
            }
            if (error instanceof SiteAccessLostError) {
              options.onAccessChanged?.();
              return;
            }
          } finally {
            clearTimeout(idleTimer);
            controller.signal.removeEventListener('abort', abortConnection);
          }
          const retryMs = options.streamRetryMs ?? STREAM_RETRY_MS;
          await delay(retryMs[Math.min(attempt++, retryMs.length - 1)], controller.signal);
        }
      })();
      return () => controller.abort();
    });
  }

  return {
    siteId,
    status$,
    rxReplication,
    async resume() {
      signInCount++;
      // Only a replication waiting for a sign-in has anything to resume.
      if (!signIn) return;
      const waiting = signIn;
      signIn = undefined;
      update({ phase: leading ? 'syncing' : 'standby', error: null });
      waiting.done();
    },
    async awaitInSync() {
      await rxReplication.awaitInSync();
    },
    async stop() {
      await rxReplication.cancel();
      status$.complete();
    }
  };
}

function toStreamItem(message: StreamMessage): RxReplicationPullStreamItem<InteractionDocument, ReplicationCheckpoint> {
  if (message === 'RESYNC') return message;
  // The modifier turns the server's documents into local ones, as for a pull.
  return { documents: message.documents as never[], checkpoint: { position: message.checkpoint } };
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

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
