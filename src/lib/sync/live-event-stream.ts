import type { RxReplicationPullStreamItem } from 'rxdb';
import { Observable } from 'rxjs';
import type { InteractionDocument } from '$lib/db';
import { readEventStream } from './event-stream-reader';
import { ACCESS_CHANGED_EVENT, type StreamMessage } from '$lib/domain/sync-protocol';
import type { SignInGate } from './sign-in-gate';
import { SiteAccessLostError, SyncAuthError, type SyncApi } from './sync-api';

/** The server's checkpoint as RxDB stores it: RxDB keeps checkpoints as objects. */
export interface ReplicationCheckpoint {
  position: string;
}

export type PullStreamItem = RxReplicationPullStreamItem<InteractionDocument, ReplicationCheckpoint>;

export interface LiveEventStreamOptions {
  api: SyncApi;
  siteId: string;
  signIn: SignInGate;
  /** Waits before reopening a broken stream, one per attempt in a row; the last repeats. */
  retryMs: number[];
  /** The server says the caller may have lost this site. */
  onAccessChanged?: () => void;
}

/** Heartbeats come every 15 s; a stream silent for longer than this is dead and is reopened. */
const STREAM_IDLE_MS = 45_000;

/**
 * The server's live changes as RxDB's pull stream: opened when the replication subscribes (in the
 * leading tab only) and reopened after every break. Each (re)opening emits RESYNC, so RxDB pulls
 * from its checkpoint whatever happened while the stream was closed.
 */
export function liveEventStream(options: LiveEventStreamOptions): Observable<PullStreamItem> {
  const { api, siteId, signIn, retryMs } = options;
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
          await readEventStream(
            response.body,
            (event) => {
              stillAlive();
              if (event.event === ACCESS_CHANGED_EVENT) options.onAccessChanged?.();
              else subscriber.next(toStreamItem(JSON.parse(event.data) as StreamMessage));
            },
            stillAlive
          );
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof SyncAuthError) {
            // The pull is refused the same way and reports it; the stream waits for the sign-in.
            await signIn.nextSignIn();
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
        await abortableDelay(retryMs[Math.min(attempt++, retryMs.length - 1)], controller.signal);
      }
    })();
    return () => controller.abort();
  });
}

function toStreamItem(message: StreamMessage): PullStreamItem {
  if (message === 'RESYNC') return message;
  // The replication's pull modifier turns the server's documents into local ones, as for a pull.
  return { documents: message.documents as never[], checkpoint: { position: message.checkpoint } };
}

/**
 * Resolves after `ms`, or at once when `signal` aborts. Its abort listener goes when it settles,
 * so a stream that retries for days does not pile up one listener per retry.
 */
export function abortableDelay(ms: number, signal: Pick<AbortSignal, 'aborted' | 'addEventListener' | 'removeEventListener'>): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
