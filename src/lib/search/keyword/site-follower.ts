import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import type { ChangeCheckpoint } from './index-store';
import type { ChangedRow } from './searchable-record';
import type { KeywordService } from './keyword-service';

/** The part of the keyword service a follower drives; the app reaches it through a worker. */
export type KeywordBackend = Pick<KeywordService, 'open' | 'apply' | 'reset'>;

/** What a follower needs of a site's interactions collection. */
export interface FollowedCollection {
  storageInstance: RxStorageInstance<ChangedRow & { crdt?: string }, unknown, unknown, unknown>;
  /** Emits on every write: this tab's, another tab's, and replication's. */
  $: { subscribe(next: () => void): { unsubscribe(): void } };
  count(query: { selector: { isDeleted: false } }): { exec(): Promise<number> };
}

export interface SiteFollowerOptions {
  siteId: string;
  collection: FollowedCollection;
  backend: KeywordBackend;
  /** Rows per message to the index; bounded so a first build of 100k rows streams in pieces. */
  batchSize?: number;
  /** Called after the index took in changes, so an open search can run again. */
  onChange?: (siteId: string) => void;
}

/**
 * Keeps one site's keyword index in step with its database. Everything goes through the storage's
 * own change feed from the index's checkpoint, so a reload applies only what changed since the
 * index was saved, and a burst of live writes is one catch-up, not one message per event.
 */
export class SiteFollower {
  readonly #options: Required<Omit<SiteFollowerOptions, 'onChange'>> & Pick<SiteFollowerOptions, 'onChange'>;
  #checkpoint: ChangeCheckpoint | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #subscription: { unsubscribe(): void } | undefined;
  /** Resolves once the index holds every record the database held when following began. */
  readonly ready: Promise<void>;

  constructor(options: SiteFollowerOptions) {
    this.#options = { batchSize: 500, ...options };
    this.ready = this.#start();
  }

  stop(): void {
    this.#stopped = true;
    this.#subscription?.unsubscribe();
  }

  /** Brings the index up to date now; resolves once it is (tests and the first search wait on it). */
  sync(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#catchUp();
        } while (this.#again && !this.#stopped);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  async #start(): Promise<void> {
    const { siteId, backend, collection } = this.#options;
    const state = await backend.open(siteId);
    this.#checkpoint = state.checkpoint;
    // Subscribed before catching up, so a write during the catch-up is caught by the next one.
    this.#subscription = collection.$.subscribe(() => void this.sync().catch(() => undefined));
    await this.sync();
    const indexed = (await backend.open(siteId)).documentCount;
    const stored = await collection.count({ selector: { isDeleted: false } }).exec();
    if (indexed !== stored) {
      // The saved index does not describe this database (restored from elsewhere, or the database
      // was recreated since): build it again from the first row.
      await backend.reset(siteId);
      this.#checkpoint = null;
      await this.sync();
    }
  }

  async #catchUp(): Promise<void> {
    const { siteId, backend, collection, batchSize } = this.#options;
    let changed = false;
    while (!this.#stopped) {
      const { documents, checkpoint } = await getChangedDocumentsSince(
        collection.storageInstance,
        batchSize,
        this.#checkpoint ?? undefined
      );
      if (documents.length === 0) break;
      await backend.apply(siteId, documents.map(searchedPart), checkpoint as ChangeCheckpoint);
      this.#checkpoint = checkpoint as ChangeCheckpoint;
      changed = true;
      if (documents.length < batchSize) break;
    }
    if (changed) this.#options.onChange?.(siteId);
  }
}

/** The row without its CRDT state and storage metadata: only text crosses to the worker. */
function searchedPart(document: ChangedRow & { crdt?: string }): ChangedRow {
  const { id, siteId, title, type, lead, location, description, notes, startDatetime, isDeleted, _deleted } = document;
  return { id, siteId, title, type, lead, location, description, notes, startDatetime, isDeleted, _deleted };
}
