import type { FastifyBaseLogger } from 'fastify';
import type { StreamMessage } from '../../src/lib/domain/sync-protocol';
import type { Database, Unlisten } from '../db/database';
import {
  hasHeldBackChanges,
  listChangesSince,
  readSyncHead,
  type SyncPosition
} from '../repositories/sync-repository';
import { messageFrame } from './event-stream';
import { formatCheckpoint } from './wire';

const RESYNC_FRAME = messageFrame('RESYNC');

/** One open stream: where the feed sends a site's changes. */
export interface FeedSubscriber {
  userId: string;
  /** One server-sent event, already serialised (see event-stream.ts). */
  send(frame: string): void;
  /** The caller's membership of the site changed or ended: the stream must close. */
  accessChanged(): void;
}

const BATCH = 200;
/** How soon to look again while a running transaction holds committed rows back (see migration 0004). */
const HELD_BACK_DELAYS_MS = [20, 50, 100, 250, 500, 1_000];

interface SiteFeed {
  subscribers: Set<FeedSubscriber>;
  /** The last position sent to this site's streams; read when the first stream opens. */
  head?: SyncPosition;
  running: boolean;
  /** A change was announced while reading: read again before resting. */
  dirty: boolean;
  heldBackAttempt: number;
  retryTimer?: NodeJS.Timeout;
}

/**
 * Pushes every committed change of a site to this process's open streams of that site. Postgres
 * announces commits (NOTIFY, from migration 0004's triggers) to every server process, so several
 * instances behind a load balancer each serve their own streams and together behave as one. On a
 * commit the feed reads the new rows once, whatever the number of streams, and sends them to all.
 */
export class SiteStreams {
  readonly #db: Database;
  readonly #log: FastifyBaseLogger;
  readonly #sites = new Map<string, SiteFeed>();
  #unlisten: Unlisten[] = [];

  constructor(db: Database, log: FastifyBaseLogger) {
    this.#db = db;
    this.#log = log;
  }

  async start(): Promise<void> {
    const resyncAll = () => {
      for (const [siteId, feed] of this.#sites) {
        this.#broadcast(feed, 'RESYNC');
        this.#catchUp(siteId);
      }
    };
    this.#unlisten = await Promise.all([
      this.#db.listen('interactions_changed', { notify: (siteId) => this.#catchUp(siteId), missed: resyncAll }),
      this.#db.listen('site_access_changed', { notify: (payload) => this.#accessChanged(payload) })
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.#unlisten.map((unlisten) => unlisten()));
    for (const feed of this.#sites.values()) clearTimeout(feed.retryTimer);
    this.#sites.clear();
  }

  /**
   * Sends the site's changes to `subscriber` from now on; call the result to stop. The first
   * message is always 'RESYNC', sent once the feed knows where it stands: the client pulls from its
   * own checkpoint to at least there, and every later message continues from there, so nothing
   * committed between the client's last pull and this stream is skipped.
   */
  subscribe(siteId: string, subscriber: FeedSubscriber): () => void {
    let feed = this.#sites.get(siteId);
    if (!feed) {
      feed = { subscribers: new Set(), running: false, dirty: false, heldBackAttempt: 0 };
      this.#sites.set(siteId, feed);
      this.#catchUp(siteId);
    }
    feed.subscribers.add(subscriber);
    // Without a head yet, #readNew sends it to every subscriber once the head is read.
    if (feed.head) subscriber.send(RESYNC_FRAME);
    const joined = feed;
    return () => {
      joined.subscribers.delete(subscriber);
      if (joined.subscribers.size > 0 || this.#sites.get(siteId) !== joined) return;
      clearTimeout(joined.retryTimer);
      this.#sites.delete(siteId);
    };
  }

  /** The number of open streams, for metrics and tests. */
  get streamCount(): number {
    let count = 0;
    for (const feed of this.#sites.values()) count += feed.subscribers.size;
    return count;
  }

  #catchUp(siteId: string): void {
    const feed = this.#sites.get(siteId);
    if (!feed) return;
    if (feed.running) {
      feed.dirty = true;
      return;
    }
    feed.running = true;
    clearTimeout(feed.retryTimer);
    this.#readNew(siteId, feed)
      .then((heldBack) => this.#scheduleRetry(siteId, feed, heldBack ? HELD_BACK_DELAYS_MS : undefined))
      .catch((error: unknown) => {
        this.#log.error({ err: error, siteId }, 'reading changes for the live streams failed');
        // The streams' clients pull from their own checkpoints; the feed tries again later.
        this.#broadcast(feed, 'RESYNC');
        this.#scheduleRetry(siteId, feed, [1_000]);
      })
      .finally(() => {
        feed.running = false;
        // A change announced after the last read's final check would otherwise wait for the next one.
        if (feed.dirty) this.#catchUp(siteId);
      });
  }

  /** Sends everything new since the head; tells whether committed rows are still held back. */
  async #readNew(siteId: string, feed: SiteFeed): Promise<boolean> {
    if (!feed.head) {
      feed.head = await readSyncHead(this.#db, siteId);
      this.#broadcast(feed, 'RESYNC');
    }
    do {
      feed.dirty = false;
      let page;
      do {
        page = await listChangesSince(this.#db, siteId, feed.head, BATCH);
        if (!page.last) break;
        feed.head = page.last;
        this.#broadcast(feed, { documents: page.documents, checkpoint: formatCheckpoint(feed.head) });
      } while (page.documents.length === BATCH);
    } while (feed.dirty);
    return hasHeldBackChanges(this.#db, siteId);
  }

  #scheduleRetry(siteId: string, feed: SiteFeed, delays: number[] | undefined): void {
    if (!delays) {
      feed.heldBackAttempt = 0;
      return;
    }
    const delay = delays[Math.min(feed.heldBackAttempt++, delays.length - 1)];
    feed.retryTimer = setTimeout(() => this.#catchUp(siteId), delay);
    feed.retryTimer.unref();
  }

  #broadcast(feed: SiteFeed, message: StreamMessage): void {
    if (feed.subscribers.size === 0) return;
    const frame = messageFrame(message);
    for (const subscriber of feed.subscribers) subscriber.send(frame);
  }

  #accessChanged(payload: string): void {
    let change: { userId?: unknown; siteId?: unknown };
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    const feed = typeof change.siteId === 'string' ? this.#sites.get(change.siteId) : undefined;
    for (const subscriber of feed?.subscribers ?? []) {
      if (subscriber.userId === change.userId) subscriber.accessChanged();
    }
  }
}
