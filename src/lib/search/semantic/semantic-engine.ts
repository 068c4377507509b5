import type { Embeddings } from '@langchain/core/embeddings';
import { chunkForEmbedding } from './chunking';
import { NewestFirstQueue } from './newest-first-queue';
import { textHash, type SemanticRecord } from './record-text';
import { MatrixBuilder, withChanges, type VectorMatrix } from './vector-matrix';
import { quantizeRows } from './vector-quantization';
import { mergeRankings, rankByBestChunk } from './vector-ranking';
import type { StoredVectors, VectorStore } from './vector-store';

/** Where each site's vectors are kept; IndexedDB in the app, anything alike in tests. */
export interface VectorStores {
  open(siteId: string): Promise<VectorStore>;
  delete(siteId: string): Promise<void>;
}

export interface IndexingProgress {
  /** Records whose vectors match their current text and the current model. */
  done: number;
  /** Records known in the followed sites. */
  total: number;
  /** Set when embedding failed; indexing stops until the engine is made again. */
  error?: string;
}

export interface SemanticEngineOptions {
  embeddings: Embeddings;
  modelId: string;
  stores: VectorStores;
  onProgress?(progress: IndexingProgress): void;
  /** Records embedded per step; between steps queries get their turn. */
  batchSize?: number;
}

export interface SemanticHit {
  id: string;
  siteId: string;
  score: number;
  /** Which chunk of the record's text (`chunkForEmbedding`) matched best, counting from 0. */
  passage: number;
}

export interface SemanticQuery {
  siteIds: string[];
  query: string;
  k: number;
  floor: number;
}

interface SiteState {
  store: VectorStore;
  /** The stamp (see `stampOf`) of the text each stored record's vectors came from; OTHER_MODEL for another model's. */
  stored: Map<string, number>;
  /** The stamp of each live record's current text. */
  known: Map<string, number>;
  /** Records whose stored vectors are current. */
  current: Set<string>;
  /** Ids seen since a full scan began; the rest are gone from the site when it ends. */
  scanSeen?: Set<string>;
  /** This model's vectors as last packed; undefined while there are none. */
  matrix?: VectorMatrix;
  /** Vectors stored or (null) removed since, packed into the matrix by the next query. */
  changes: Map<string, StoredVectors | null>;
}

interface PendingRecord extends SemanticRecord {
  siteId: string;
  hash: string;
}

// Records per model call. In the search bench (Node, load average 7) 8 a call embedded 57.9
// records a second, one at a time 55.0 and 32 a call 50.5: padding to the longest text in a
// batch eats what larger batches save.
const DEFAULT_BATCH_SIZE = 8;
// Never a stamp, so another model's vectors are never current.
const OTHER_MODEL = -1;
// About 0.7 MB of entries a read (512 numbers a row): small beside the matrix. In Node the time to
// read 100k entries did not differ beyond noise between pages of 500 and of 5,000.
const LOAD_PAGE_SIZE = 1000;

/**
 * Keeps every followed site's records embedded and answers semantic queries over them. It runs
 * wherever it is given an `Embeddings` and a place for vectors: in the app's Web Worker, and in
 * Node for tests and benchmarks.
 *
 * A record is embedded again only when the hash of its text or the model differs from what its
 * stored vectors were computed from; waiting records go newest first.
 */
export class SemanticEngine {
  readonly #options: SemanticEngineOptions;
  readonly #sites = new Map<string, Promise<SiteState>>();
  readonly #pending = new Map<string, PendingRecord>();
  readonly #queue = new NewestFirstQueue<PendingRecord>();
  #pumping: Promise<void> | undefined;
  #error: string | undefined;

  constructor(options: SemanticEngineOptions) {
    this.#options = options;
  }

  get modelId(): string {
    return this.#options.modelId;
  }

  /** Starts a full pass over a site: records not given again before `endScan` are dropped. */
  async beginScan(siteId: string): Promise<void> {
    (await this.#site(siteId)).scanSeen = new Set();
  }

  async endScan(siteId: string): Promise<void> {
    const site = await this.#site(siteId);
    const seen = site.scanSeen;
    site.scanSeen = undefined;
    if (!seen) return;
    const gone = new Set([...site.known.keys(), ...site.stored.keys()].filter((id) => !seen.has(id)));
    await this.removeRecords(siteId, [...gone]);
  }

  /** Adds or updates records; those whose vectors are not current wait to be embedded. */
  async updateRecords(siteId: string, records: SemanticRecord[]): Promise<void> {
    const site = await this.#site(siteId);
    for (const record of records) {
      const hash = await textHash(record.text);
      const stamp = stampOf(hash);
      site.scanSeen?.add(record.id);
      site.known.set(record.id, stamp);
      const key = pendingKey(siteId, record.id);
      if (site.stored.get(record.id) === stamp) {
        site.current.add(record.id);
        this.#pending.delete(key);
        continue;
      }
      site.current.delete(record.id);
      if (this.#pending.get(key)?.hash === hash) continue;
      const pending: PendingRecord = { ...record, siteId, hash };
      this.#pending.set(key, pending);
      this.#queue.push(pending);
    }
    this.#report();
    this.#pump();
  }

  /** Forgets deleted records and their vectors. */
  async removeRecords(siteId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const site = await this.#site(siteId);
    for (const id of ids) {
      site.scanSeen?.delete(id);
      site.known.delete(id);
      site.current.delete(id);
      if (site.stored.delete(id)) site.changes.set(id, null);
      this.#pending.delete(pendingKey(siteId, id));
    }
    await site.store.deleteMany(ids);
    this.#report();
  }

  /** Removes everything held for a site, here and on the device (a purge). */
  async dropSite(siteId: string): Promise<void> {
    const opening = this.#sites.get(siteId);
    this.#sites.delete(siteId);
    for (const [key, pending] of this.#pending) if (pending.siteId === siteId) this.#pending.delete(key);
    const site = await opening?.catch(() => undefined);
    site?.store.close();
    await this.#options.stores.delete(siteId);
    this.#report();
  }

  /** The k records of these sites most similar in meaning to the query, best first. */
  async search({ siteIds, query, k, floor }: SemanticQuery): Promise<SemanticHit[]> {
    const vector = Float32Array.from(await this.#options.embeddings.embedQuery(query));
    const rankings = await Promise.all(
      siteIds.map(async (siteId) => {
        const matrix = this.#matrix(await this.#site(siteId));
        if (!matrix) return [];
        return rankByBestChunk(matrix, vector, { k, floor }).map((hit) => ({ ...hit, siteId }));
      })
    );
    return mergeRankings(rankings, k);
  }

  progress(): IndexingProgress {
    let done = 0;
    let total = 0;
    for (const opening of this.#sites.values()) {
      const site = settled.get(opening);
      if (!site) continue;
      done += site.current.size;
      total += site.known.size;
    }
    return { done, total, ...(this.#error ? { error: this.#error } : {}) };
  }

  /** Resolves once nothing waits to be embedded (or embedding failed). */
  async whenIdle(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  #site(siteId: string): Promise<SiteState> {
    let opening = this.#sites.get(siteId);
    if (!opening) {
      opening = this.#openSite(siteId);
      this.#sites.set(siteId, opening);
      const attempt = opening;
      attempt.then(
        (site) => settled.set(attempt, site),
        () => this.#sites.get(siteId) === attempt && this.#sites.delete(siteId)
      );
    }
    return opening;
  }

  async #openSite(siteId: string): Promise<SiteState> {
    const store = await this.#options.stores.open(siteId);
    const stored = new Map<string, number>();
    const records = await store.count();
    let builder: MatrixBuilder | undefined;
    // Page by page into one matrix: the entries of a page are garbage once their rows are copied,
    // so the site never sits in memory twice.
    for await (const page of store.pages(LOAD_PAGE_SIZE)) {
      for (const entry of page) {
        // Only this model's vectors: another model's live in another space, often of another size.
        if (entry.modelId !== this.modelId) {
          stored.set(entry.id, OTHER_MODEL);
          continue;
        }
        builder ??= new MatrixBuilder(entry.dims, expectedSize(page, records));
        builder.add(entry.id, entry);
        stored.set(entry.id, stampOf(entry.textHash));
      }
    }
    return { store, stored, known: new Map(), current: new Set(), matrix: builder?.finish(), changes: new Map() };
  }

  #matrix(site: SiteState): VectorMatrix | undefined {
    if (site.changes.size > 0) {
      site.matrix = withChanges(site.matrix, site.changes);
      site.changes.clear();
    }
    return site.matrix;
  }

  #pump(): void {
    if (this.#pumping || this.#error) return;
    this.#pumping = this.#drain().finally(() => {
      this.#pumping = undefined;
      // Work that arrived during the last step is picked up by a fresh pass.
      if (this.#queue.size > 0 && !this.#error) this.#pump();
    });
  }

  async #drain(): Promise<void> {
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (;;) {
      const batch: PendingRecord[] = [];
      while (batch.length < batchSize && this.#queue.size > 0) {
        const next = this.#queue.pop() as PendingRecord;
        // Superseded by a newer text, removed, or its site dropped since it was queued.
        if (this.#pending.get(pendingKey(next.siteId, next.id)) === next) batch.push(next);
      }
      if (batch.length === 0) return;
      try {
        await this.#embed(batch);
      } catch (error) {
        this.#error = error instanceof Error ? error.message : String(error);
        this.#report();
        return;
      }
      this.#report();
      // Lets queries and change messages in between, so a long backlog never blocks a search.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  async #embed(batch: PendingRecord[]): Promise<void> {
    const chunked = await Promise.all(batch.map((record) => chunkForEmbedding(record.text)));
    const vectors = await this.#options.embeddings.embedDocuments(chunked.flat());
    const dims = vectors[0]?.length ?? 0;
    let row = 0;
    const bySite = new Map<string, StoredVectors[]>();
    batch.forEach((record, index) => {
      const rows = chunked[index].length;
      const flat = new Float32Array(rows * dims);
      for (let r = 0; r < rows; r += 1) flat.set(vectors[row + r], r * dims);
      row += rows;
      const entry: StoredVectors = { id: record.id, modelId: this.modelId, textHash: record.hash, dims, ...quantizeRows(flat, dims) };
      bySite.set(record.siteId, [...(bySite.get(record.siteId) ?? []), entry]);
    });
    for (const [siteId, entries] of bySite) {
      const opening = this.#sites.get(siteId);
      const site = opening && settled.get(opening);
      if (!site) continue;
      // Only what is still wanted: a record may have changed or gone while it was being embedded.
      const wanted = entries.filter((entry) => {
        const key = pendingKey(siteId, entry.id);
        const pending = this.#pending.get(key);
        if (pending?.hash !== entry.textHash) return false;
        this.#pending.delete(key);
        return true;
      });
      await site.store.putMany(wanted);
      for (const entry of wanted) {
        const stamp = stampOf(entry.textHash);
        site.stored.set(entry.id, stamp);
        site.changes.set(entry.id, entry);
        if (site.known.get(entry.id) === stamp) site.current.add(entry.id);
      }
    }
  }

  #report(): void {
    this.#options.onProgress?.(this.progress());
  }
}

// Sites whose store has opened, for the synchronous progress count.
const settled = new WeakMap<Promise<SiteState>, SiteState>();

/**
 * The first 52 bits of a text hash, as a number: a changed text still differs (but for a chance of
 * one in 4.5e15), and 100k records keep 1.6 MB of these per map rather than 8 MB of hex strings.
 */
function stampOf(textHash: string): number {
  return parseInt(textHash.slice(0, 13), 16);
}

/** A matrix's size for a store of `records`, judged from the rows per record of its first page. */
function expectedSize(page: StoredVectors[], records: number): { records: number; rows: number } {
  const rows = page.reduce((sum, entry) => sum + entry.scales.length, 0);
  // A little over: a page of a thousand records judges the mean within about 1%.
  return { records, rows: Math.ceil((rows / page.length) * records * 1.02) };
}

function pendingKey(siteId: string, id: string): string {
  return `${siteId}\u0000${id}`;
}
