import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';

/** What a search index follows of a site's interactions collection. */
export interface ChangeSource<Row> {
  storageInstance: RxStorageInstance<Row, unknown, unknown, unknown>;
  /**
   * Emits once per write of any size: this tab's, another tab's, and replication's. (The
   * collection's `$` emits once per document: 2,000 timers reset for one pull of 2,000 records
   * kept the page busy for 165 ms at a time during a 100k-record first sync.)
   */
  eventBulks$: { subscribe(next: () => void): { unsubscribe(): void } };
}

export interface ChangeFeedOptions<Row> {
  source: ChangeSource<Row>;
  /** Rows per batch, so a first pass over 100k rows crosses to a worker in pieces. */
  batchSize: number;
  /** Takes in one batch; the feed moves its checkpoint past the batch only once this resolves. */
  apply(rows: Row[], checkpoint: unknown): Promise<unknown>;
  /** Called after a pass that applied at least one batch. */
  caughtUp?(): void;
}

/**
 * Writes closer together than this are one burst, taken in once it pauses: an initial sync stores
 * a batch every fraction of a second, and indexing each as it lands would take the processor from
 * the sync (on a two-core device it added a tenth to a 10k-record sync).
 */
const BURST_GAP_MS = 200;
/** A burst that goes on (a long catch-up) is still taken in this often. */
const BURST_LIMIT_MS = 5_000;

/**
 * A search index's reader of a site database's change feed: the storage's own, from a checkpoint,
 * a batch at a time. One pass runs at a time; a write during a pass runs another after it, so a
 * change that lands mid-read is never missed, and a burst of writes costs one pass, not one each.
 */
export class ChangeFeed<Row> {
  readonly #options: ChangeFeedOptions<Row>;
  #checkpoint: unknown;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #subscription: { unsubscribe(): void } | undefined;
  /** The pass waiting for the current burst of writes to pause, and when the burst began. */
  #waiting: { timer: ReturnType<typeof setTimeout>; since: number } | undefined;

  constructor(options: ChangeFeedOptions<Row>) {
    this.#options = options;
  }

  /** Where the next pass starts; undefined for the first row. */
  set checkpoint(checkpoint: unknown) {
    this.#checkpoint = checkpoint ?? undefined;
  }

  /** Runs a pass after every burst of writes from now on. Call before the first pass, so none is missed. */
  listen(): void {
    this.#subscription ??= this.#options.source.eventBulks$.subscribe(() => this.#afterWrite());
  }

  stop(): void {
    this.#stopped = true;
    this.#subscription?.unsubscribe();
    clearTimeout(this.#waiting?.timer);
  }

  /** Applies the writes of a burst still going on now (a search wants them); resolves once done. */
  flush(): Promise<void> {
    if (!this.#waiting) return this.#running ?? Promise.resolve();
    clearTimeout(this.#waiting.timer);
    this.#waiting = undefined;
    return this.catchUp();
  }

  #afterWrite(): void {
    const since = this.#waiting?.since ?? Date.now();
    clearTimeout(this.#waiting?.timer);
    const wait = Math.max(0, Math.min(BURST_GAP_MS, since + BURST_LIMIT_MS - Date.now()));
    const timer = setTimeout(() => void this.flush().catch(() => undefined), wait);
    this.#waiting = { timer, since };
  }

  /** Applies every change since the checkpoint; resolves once it has (joining a running pass). */
  catchUp(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          if (await this.#pass()) this.#options.caughtUp?.();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async #pass(): Promise<boolean> {
    const { source, batchSize, apply } = this.#options;
    let applied = false;
    while (!this.#stopped) {
      const { documents, checkpoint } = await getChangedDocumentsSince(source.storageInstance, batchSize, this.#checkpoint);
      if (documents.length === 0) break;
      await apply(documents, checkpoint);
      this.#checkpoint = checkpoint;
      applied = true;
      if (documents.length < batchSize) break;
    }
    return applied;
  }
}
