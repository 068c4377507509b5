import { ChangeFeed, type ChangeSource } from '../change-feed';
import type { ChangeCheckpoint } from './index-store';
import type { ChangedRow } from './searchable-record';
import type { KeywordService } from './keyword-service';

/** The part of the keyword service a follower drives; the app reaches it through a worker. */
export type KeywordBackend = Pick<KeywordService, 'open' | 'apply' | 'reset'>;

/** What a follower needs of a site's interactions collection. */
export interface FollowedCollection extends ChangeSource<ChangedRow & { crdt?: string }> {
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
 * Keeps one site's keyword index in step with its database, through the storage's change feed from
 * the index's checkpoint, so a reload applies only what changed since the index was saved.
 */
export class SiteFollower {
  readonly #options: SiteFollowerOptions;
  readonly #feed: ChangeFeed<ChangedRow & { crdt?: string }>;
  /** Resolves once the index holds every record the database held when following began. */
  readonly ready: Promise<void>;

  constructor(options: SiteFollowerOptions) {
    const { siteId, backend, collection, onChange } = options;
    this.#options = options;
    this.#feed = new ChangeFeed({
      source: collection,
      batchSize: options.batchSize ?? 500,
      apply: (rows, checkpoint) => backend.apply(siteId, rows.map(searchedPart), checkpoint as ChangeCheckpoint),
      caughtUp: () => onChange?.(siteId)
    });
    this.ready = this.#start();
  }

  stop(): void {
    this.#feed.stop();
  }

  /** Brings the index up to date now; resolves once it is (tests and the first search wait on it). */
  sync(): Promise<void> {
    return this.#feed.catchUp();
  }

  /** Takes in the writes still waiting for their burst to end, so a search sees them. */
  flush(): Promise<void> {
    return this.#feed.flush();
  }

  async #start(): Promise<void> {
    const { siteId, backend, collection } = this.#options;
    this.#feed.checkpoint = (await backend.open(siteId)).checkpoint;
    this.#feed.listen();
    await this.sync();
    const indexed = (await backend.open(siteId)).documentCount;
    const stored = await collection.count({ selector: { isDeleted: false } }).exec();
    if (indexed !== stored) {
      // The saved index does not describe this database (restored from elsewhere, or the database
      // was recreated since): build it again from the first row.
      await backend.reset(siteId);
      this.#feed.checkpoint = undefined;
      await this.sync();
    }
  }
}

/** The row without its CRDT state and storage metadata: only text crosses to the worker. */
function searchedPart(document: ChangedRow & { crdt?: string }): ChangedRow {
  const { id, siteId, title, type, lead, location, description, notes, startDatetime, isDeleted, _deleted } = document;
  return { id, siteId, title, type, lead, location, description, notes, startDatetime, isDeleted, _deleted };
}
