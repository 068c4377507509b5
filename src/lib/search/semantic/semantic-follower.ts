import { ChangeFeed, type ChangeSource } from '../change-feed';
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
export type FollowedRows = ChangeSource<SemanticRow>;

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
  readonly #options: SemanticFollowerOptions;
  readonly #feed: ChangeFeed<SemanticRow>;
  /** Resolves once every record the database held when following began has been handed over. */
  readonly ready: Promise<void>;

  constructor(options: SemanticFollowerOptions) {
    const { siteId, backend } = options;
    this.#options = options;
    this.#feed = new ChangeFeed({
      source: options.rows,
      batchSize: options.batchSize ?? 500,
      apply: async (rows) => {
        const gone = rows.filter((row) => row.isDeleted || row._deleted).map((row) => row.id);
        const live = rows.filter((row) => !row.isDeleted && !row._deleted).map(toSemanticRecord);
        if (live.length > 0) await backend.updateRecords(siteId, live);
        if (gone.length > 0) await backend.removeRecords(siteId, gone);
      }
    });
    this.ready = this.#start();
  }

  stop(): void {
    this.#feed.stop();
  }

  async #start(): Promise<void> {
    const { siteId, backend } = this.#options;
    await backend.beginScan(siteId);
    this.#feed.listen();
    await this.#feed.catchUp();
    await backend.endScan(siteId);
  }
}

function toSemanticRecord(row: SemanticRow): SemanticRecord {
  return { id: row.id, text: semanticText(row), updatedAt: row.updatedAt };
}
