import type { KeywordSnapshot } from './keyword-engine';
import { KeywordIndex, type KeywordFilters, type KeywordHit } from './keyword-index';
import { KEYWORD_INDEX_VERSION } from './keyword-options';
import {
  deleteStoredIndex,
  loadStoredIndex,
  saveStoredIndex,
  type ChangeCheckpoint,
  type StoredKeywordIndex
} from './index-store';
import { isGone, toSearchable, type ChangedRow } from './searchable-record';

export interface KeywordServiceOptions {
  indexedDB: IDBFactory;
  /** How long changes gather before the index is written back; writing 100k records' index is not free. */
  saveDelayMs?: number;
}

/** What a site's index reflects, so the caller knows which changes to send. */
export interface SiteIndexState {
  checkpoint: ChangeCheckpoint | null;
  documentCount: number;
  /** How the index was obtained: loaded from the device, or started empty (why, when it was stale). */
  origin: 'loaded' | 'new' | 'discarded';
  /** Why a saved index was not used, when it was not. */
  discardedBecause?: string;
}

export interface KeywordSearchRequest {
  siteIds: readonly string[];
  query: string;
  filters?: KeywordFilters;
  limit: number;
}

const SAVE_DELAY_PER_RECORD_MS = 0.1;

interface SiteEntry {
  index: KeywordIndex;
  checkpoint: ChangeCheckpoint | null;
  dirty: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Every site's keyword index in one place: loads them from the device, applies the changes the
 * database reports, answers searches across sites and writes the indexes back. Plain TypeScript:
 * the app runs it in a Web Worker, the tests in Node.
 */
export class KeywordService {
  readonly #sites = new Map<string, Promise<SiteEntry>>();
  readonly #origins = new Map<string, Pick<SiteIndexState, 'origin' | 'discardedBecause'>>();
  readonly #indexedDB: IDBFactory;
  readonly #saveDelayMs: number;

  constructor(options: KeywordServiceOptions) {
    this.#indexedDB = options.indexedDB;
    this.#saveDelayMs = options.saveDelayMs ?? 1000;
  }

  /** Loads the site's index (once), and says which checkpoint it reflects. */
  async open(siteId: string): Promise<SiteIndexState> {
    const entry = await this.#entry(siteId);
    return { checkpoint: entry.checkpoint, documentCount: entry.index.documentCount, ...this.#origins.get(siteId)! };
  }

  /**
   * Applies changed rows, in the order the database reported them, up to `checkpoint`; answers
   * how many records the index then holds.
   */
  async apply(siteId: string, rows: readonly ChangedRow[], checkpoint: ChangeCheckpoint | null): Promise<number> {
    const entry = await this.#entry(siteId);
    for (const row of rows) {
      if (isGone(row)) entry.index.remove(row.id);
      else entry.index.put(toSearchable(row));
    }
    entry.checkpoint = checkpoint;
    this.#markDirty(siteId, entry);
    return entry.index.documentCount;
  }

  /** Starts the site's index over, empty: the caller then sends every row again. */
  async reset(siteId: string): Promise<void> {
    const entry = await this.#entry(siteId);
    entry.index = KeywordIndex.empty();
    entry.checkpoint = null;
    this.#markDirty(siteId, entry);
  }

  /** The best hits of all the sites together, best first. */
  async search(request: KeywordSearchRequest): Promise<KeywordHit[]> {
    const query = request.query.trim();
    if (!query) return [];
    const entries = await Promise.all([...new Set(request.siteIds)].map((siteId) => this.#entry(siteId)));
    // Scores of separate indexes are not strictly comparable (each weighs words by its own
    // counts), but sites share a vocabulary, so merging by score orders them well enough.
    return entries
      .flatMap((entry) => entry.index.search(query, { filters: request.filters, limit: request.limit }))
      .sort((a, b) => b.score - a.score)
      .slice(0, request.limit);
  }

  /** Forgets the site and deletes its saved index. */
  async remove(siteId: string): Promise<void> {
    const opening = this.#sites.get(siteId);
    this.#sites.delete(siteId);
    this.#origins.delete(siteId);
    const entry = await opening?.catch(() => undefined);
    if (entry) {
      clearTimeout(entry.timer);
      entry.dirty = false;
    }
    await deleteStoredIndex(this.#indexedDB, siteId);
  }

  /** Writes every changed index now instead of after the delay. */
  async flush(): Promise<void> {
    await Promise.all([...this.#sites.keys()].map(async (siteId) => this.#save(siteId, await this.#entry(siteId))));
  }

  #entry(siteId: string): Promise<SiteEntry> {
    let opening = this.#sites.get(siteId);
    if (!opening) {
      opening = this.#load(siteId);
      this.#sites.set(siteId, opening);
      opening.catch(() => this.#sites.delete(siteId));
    }
    return opening;
  }

  async #load(siteId: string): Promise<SiteEntry> {
    let stored: unknown;
    try {
      stored = await loadStoredIndex(this.#indexedDB, siteId);
    } catch (error) {
      stored = { unreadable: String(error) };
    }
    if (stored === null) {
      this.#origins.set(siteId, { origin: 'new' });
      return { index: KeywordIndex.empty(), checkpoint: null, dirty: false };
    }
    const restored = restore(stored);
    if (typeof restored === 'string') {
      // A stale or damaged index costs a rebuild, never a failed search.
      this.#origins.set(siteId, { origin: 'discarded', discardedBecause: restored });
      return { index: KeywordIndex.empty(), checkpoint: null, dirty: false };
    }
    this.#origins.set(siteId, { origin: 'loaded' });
    return { ...restored, dirty: false };
  }

  #markDirty(siteId: string, entry: SiteEntry): void {
    entry.dirty = true;
    clearTimeout(entry.timer);
    // Writing 100k records' index takes the worker a second or two, during which searches wait:
    // the larger the index, the longer changes gather before it is written.
    const delay = this.#saveDelayMs + entry.index.documentCount * SAVE_DELAY_PER_RECORD_MS;
    entry.timer = setTimeout(() => void this.#save(siteId, entry).catch(() => undefined), delay);
  }

  async #save(siteId: string, entry: SiteEntry): Promise<void> {
    clearTimeout(entry.timer);
    if (!entry.dirty || this.#sites.get(siteId) === undefined) return;
    entry.dirty = false;
    const stored: StoredKeywordIndex = {
      version: KEYWORD_INDEX_VERSION,
      checkpoint: entry.checkpoint,
      documentCount: entry.index.documentCount,
      index: entry.index.snapshot()
    };
    try {
      await saveStoredIndex(this.#indexedDB, siteId, stored);
    } catch (error) {
      // Kept in memory and written again with the next change; a full disk must not stop search.
      entry.dirty = true;
      throw error;
    }
  }
}

/** The index and checkpoint of a saved record, or why it cannot be used. */
function restore(stored: unknown): Pick<SiteEntry, 'index' | 'checkpoint'> | string {
  if (typeof stored !== 'object' || stored === null) return 'the saved index is not an object';
  const record = stored as Partial<StoredKeywordIndex> & { unreadable?: string };
  if (record.unreadable) return `the saved index could not be read (${record.unreadable})`;
  if (record.version !== KEYWORD_INDEX_VERSION) return `the saved index has version ${record.version}, not ${KEYWORD_INDEX_VERSION}`;
  let index: KeywordIndex;
  try {
    index = KeywordIndex.fromSnapshot(record.index as KeywordSnapshot);
  } catch (error) {
    return `the saved index is damaged (${error instanceof Error ? error.message : String(error)})`;
  }
  if (index.documentCount !== record.documentCount) {
    return `the saved index holds ${index.documentCount} records, not the ${record.documentCount} it claims`;
  }
  if (record.checkpoint !== null && !isCheckpoint(record.checkpoint)) return 'the saved checkpoint is not one';
  return { index, checkpoint: record.checkpoint ?? null };
}

function isCheckpoint(value: unknown): value is ChangeCheckpoint {
  const candidate = value as ChangeCheckpoint | null | undefined;
  return typeof candidate?.id === 'string' && typeof candidate.lwt === 'number';
}
