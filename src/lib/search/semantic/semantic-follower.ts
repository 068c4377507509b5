import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import type { SemanticCalls } from './semantic-client';
import { semanticText, type SemanticFields, type SemanticRecord } from './record-text';

/** A stored row as far as meaning goes, with what says whether it still exists. */
export interface SemanticRow extends SemanticFields {
  id: string;
  updatedAt: string;
  isDeleted: boolean;
  _deleted: boolean;
}

/** What a follower needs of a site's interactions collection. */
export interface FollowedRows {
  storageInstance: RxStorageInstance<SemanticRow, unknown, unknown, unknown>;
  /** Emits on every write: this tab's, another tab's, and replication's. */
  $: { subscribe(next: () => void): { unsubscribe(): void } };
}

export interface SemanticFollowerOptions {
  siteId: string;
  rows: FollowedRows;
  backend: Pick<SemanticCalls, 'beginScan' | 'endScan' | 'updateRecords' | 'removeRecords'>;
  /** Rows per message to the worker, so 100k rows cross in pieces. */
  batchSize?: number;
}

/**
 * Hands one site's records to the semantic engine and keeps handing it every change. Each start
 * walks the whole change feed once: the engine compares text hashes, so only what changed (or
 * what an older model embedded) is embedded again, and vectors of records gone meanwhile are
 * dropped when the walk ends.
 */
export class SemanticFollower {
  readonly #options: Required<SemanticFollowerOptions>;
  #checkpoint: unknown;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #subscription: { unsubscribe(): void } | undefined;
  /** Resolves once every record the database held when following began has been handed over. */
  readonly ready: Promise<void>;

  constructor(options: SemanticFollowerOptions) {
    this.#options = { batchSize: 500, ...options };
    this.ready = this.#start();
  }

  stop(): void {
    this.#stopped = true;
    this.#subscription?.unsubscribe();
  }

  async #start(): Promise<void> {
    const { siteId, backend, rows } = this.#options;
    await backend.beginScan(siteId);
    // Subscribed first, so a write during the walk is caught by the next catch-up.
    this.#subscription = rows.$.subscribe(() => void this.#sync().catch(() => undefined));
    await this.#sync();
    await backend.endScan(siteId);
  }

  #sync(): Promise<void> {
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
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  async #catchUp(): Promise<void> {
    const { siteId, backend, rows, batchSize } = this.#options;
    while (!this.#stopped) {
      const { documents, checkpoint } = await getChangedDocumentsSince(
        rows.storageInstance,
        batchSize,
        this.#checkpoint ?? undefined
      );
      if (documents.length === 0) return;
      const gone = documents.filter((row) => row.isDeleted || row._deleted).map((row) => row.id);
      const live = documents.filter((row) => !row.isDeleted && !row._deleted).map(toSemanticRecord);
      if (live.length > 0) await backend.updateRecords(siteId, live);
      if (gone.length > 0) await backend.removeRecords(siteId, gone);
      this.#checkpoint = checkpoint;
      if (documents.length < batchSize) return;
    }
  }
}

function toSemanticRecord(row: SemanticRow): SemanticRecord {
  return { id: row.id, text: semanticText(row), updatedAt: row.updatedAt };
}
