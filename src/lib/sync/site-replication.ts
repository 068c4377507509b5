import type { InteractionDocument, SiteDatabase } from '$lib/db';
import { provideConflictRules } from '$lib/db/conflict-handler';
import * as replicaDocuments from '$lib/db/replica-documents';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { BehaviorSubject } from 'rxjs';
import { liveEventStream, type ReplicationCheckpoint } from './live-event-stream';
import { MAX_SYNC_BATCH, toPushedDocument, type SyncDocument } from '$lib/domain/sync-protocol';
import { SignInGate } from './sign-in-gate';
import { SiteAccessLostError, type SyncApi } from './sync-api';
import { SyncStatus, type SiteSyncStatus } from './sync-status';

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

/**
 * Replicates one site's local database with the server (RxDB's replication protocol, DESIGN §4):
 * live, resuming from the stored checkpoint, retrying with a pause between attempts, and in only
 * one tab at a time (RxDB's leader election). Requests refused for their credentials wait at the
 * sign-in gate; the status tells the person where the sync stands.
 */
export function replicateSite(options: SiteReplicationOptions): SiteReplication {
  const { database, api } = options;
  const siteId = database.siteId;
  provideConflictRules(replicaDocuments);
  // Syncing until another tab is known to lead: a tab first has to find out, and meanwhile a new
  // device's Finder must say its records are coming rather than that there are none.
  const status = new SyncStatus(siteId, 'syncing');
  const signIn = new SignInGate();
  let askedRemaining = false;
  let failed = false;

  const hooks = {
    succeeded: () => {
      failed = false;
    },
    /** Records a failure for the status and rethrows, for RxDB to retry after a while. */
    failed: (error: unknown): never => {
      failed = true;
      if (error instanceof SiteAccessLostError) {
        status.update({ phase: 'error', error: error.message });
        options.onAccessChanged?.();
      } else {
        status.failed(error);
      }
      throw error;
    },
    signInRequired: (error: Error) => {
      failed = true;
      status.update({ phase: 'signed-out', error: error.message });
      options.onSignInRequired?.();
    }
  };

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
      modifier: (document: SyncDocument) => replicaDocuments.fromServerDocument(document),
      handler: async (checkpoint, batchSize) => {
        const withRemaining = !askedRemaining;
        const result = await signIn.run(() => api.pull(siteId, checkpoint?.position ?? null, batchSize, withRemaining), hooks);
        // Asked again until a pull that asked has answered: a first pull that failed (offline, a
        // server busy) would otherwise leave a large first sync without its progress bar.
        askedRemaining = true;
        status.pulled(result.documents.length, result.remaining, batchSize);
        return {
          documents: result.documents as never[],
          checkpoint: result.checkpoint ? { position: result.checkpoint } : checkpoint
        };
      },
      stream$: liveEventStream({
        api,
        siteId,
        signIn,
        retryMs: options.streamRetryMs ?? STREAM_RETRY_MS,
        onAccessChanged: options.onAccessChanged
      })
    },
    push: {
      batchSize: options.batchSize ?? PUSH_BATCH_SIZE,
      handler: async (rows) => {
        const pushRows = rows.map((row) => ({
          assumedMasterState: row.assumedMasterState ? { serverSeq: row.assumedMasterState.serverSeq } : null,
          newDocumentState: toPushedDocument(row.newDocumentState)
        }));
        const response = await signIn.run(() => api.push(siteId, pushRows), hooks);
        const pushed = new Set(rows.map((row) => row.newDocumentState.id));
        status.update({
          refused: [...status.value.refused.filter((refusal) => !pushed.has(refusal.id)), ...response.refused]
        });
        // RxDB hands push conflicts to the conflict handler without its pull modifier.
        return response.conflicts.map(replicaDocuments.fromServerDocument);
      }
    }
  });

  // Until this tab leads, another one replicates and RxDB's activity here means nothing.
  let leading = options.waitForLeadership === false;
  let seenActive = false;
  if (!leading) {
    void database.rxDatabase.waitForLeadership().then(() => {
      leading = true;
      if (!rxReplication.isStopped()) status.update({ phase: 'syncing' });
    });
    void followWhileAnotherTabLeads(database, () => leading || rxReplication.isStopped(), () => status.update({ phase: 'standby' }));
  }
  rxReplication.active$.subscribe((active) => {
    if (!leading) return;
    if (active) {
      seenActive = true;
      failed = false;
      if (status.value.phase !== 'signed-out') status.update({ phase: 'syncing' });
    } else if (seenActive && !failed && !rxReplication.isPaused() && !rxReplication.isStopped()) {
      status.update({ phase: 'synced', error: null, progress: null, lastSyncedAt: new Date().toISOString() });
    }
  });

  return {
    siteId,
    status$: status.status$,
    rxReplication,
    async resume() {
      // Only a replication waiting for a sign-in has anything to resume.
      if (signIn.signedIn()) status.update({ phase: leading ? 'syncing' : 'standby', error: null });
    },
    async awaitInSync() {
      await rxReplication.awaitInSync();
    },
    async stop() {
      await rxReplication.cancel();
      status.complete();
    }
  };
}

const LEADER_CHECK_MS = 500;

/**
 * Reports standby once another tab is known to lead (its elector answered this one's bid), checking
 * until this tab leads or stops. Leader election tells a tab when it wins, never when another has.
 */
async function followWhileAnotherTabLeads(database: SiteDatabase, done: () => boolean, onFollowing: () => void): Promise<void> {
  const elector = database.rxDatabase.leaderElector();
  while (!done()) {
    // Its own leadership counts as "has a leader" too.
    if ((await elector.hasLeader()) && !elector.isLeader) {
      if (!done()) onFollowing();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, LEADER_CHECK_MS));
  }
}
