import MiniSearch from 'minisearch';
import { FilterColumns, type FilterColumnsSnapshot } from './filter-columns';
import { MINISEARCH_OPTIONS } from './keyword-options';
import type { ScoringView, TermPostings } from './ranked-search';
import { KEYWORD_FIELD_BOOSTS, KEYWORD_FIELDS, type SearchableRecord } from './searchable-record';
import type { Vocabulary } from './term-expansion';

/**
 * An index as saved: flat typed arrays that structured cloning (IndexedDB, worker messages) copies
 * in one piece, where the JSON text of minisearch's maps took seconds to parse back at 100,000 records.
 */
export interface KeywordSnapshot {
  documentCount: number;
  nextId: number;
  averageFieldLength: number[];
  /** Live records' short ids, ascending; every per-record array below follows this order. */
  shortIds: Uint32Array;
  ids: string[];
  /** Distinct terms per field, `KEYWORD_FIELDS.length` numbers per record. */
  fieldLengths: Uint32Array;
  terms: string[];
  /** Per term: its number of fields; per field: the field id, the number of records, then each record's short id and count. */
  postings: Uint32Array;
  filters: FilterColumnsSnapshot;
}

const FIELD_COUNT = KEYWORD_FIELDS.length;

/**
 * minisearch's index, opened up for the project's own query execution (ranked-search.ts): its
 * vocabulary for term expansion, its postings and lengths for scoring, and a compact snapshot.
 * minisearch keeps these fields `protected` for subclasses like this one; adding, discarding and
 * cleaning records stay its own.
 */
export class KeywordEngine extends MiniSearch<SearchableRecord> {
  #filters = new FilterColumns();

  constructor() {
    super(MINISEARCH_OPTIONS);
  }

  override add(record: SearchableRecord): void {
    super.add(record);
    this.#filters.set(this._idToShortId.get(record.id)!, record);
  }

  get filters(): FilterColumns {
    return this.#filters;
  }

  idOf(shortId: number): string {
    return this._documentIds.get(shortId) as string;
  }

  vocabulary(): Vocabulary<TermPostings> {
    const index = this._index;
    return {
      get: (term) => index.get(term),
      withPrefix: (prefix) => index.atPrefix(prefix).entries(),
      near: function* (term, distance) {
        for (const [found, [data, away]] of index.fuzzyGet(term, distance)) yield [found, data, away];
      },
      frequency: (data) => {
        let count = 0;
        for (const postings of data.values()) count += postings.size;
        return count;
      }
    };
  }

  scoringView(): ScoringView {
    const documentIds = this._documentIds;
    const fieldLength = this._fieldLength;
    return {
      isLive: (shortId) => documentIds.has(shortId),
      fieldLengths: (shortId) => fieldLength.get(shortId)!,
      averageFieldLength: this._avgFieldLength,
      documentCount: this._documentCount,
      shortIdLimit: this._nextId,
      fields: KEYWORD_FIELDS.map((field) => ({ id: this._fieldIds[field], boost: KEYWORD_FIELD_BOOSTS[field] }))
    };
  }

  /** The live records' index as flat arrays; postings of discarded records are left behind. */
  snapshot(): KeywordSnapshot {
    const shortIds = Uint32Array.from(this._documentIds.keys());
    const fieldLengths = new Uint32Array(shortIds.length * FIELD_COUNT);
    shortIds.forEach((shortId, at) => {
      const lengths = this._fieldLength.get(shortId)!;
      for (let field = 0; field < FIELD_COUNT; field++) fieldLengths[at * FIELD_COUNT + field] = lengths[field] ?? 0;
    });
    const terms: string[] = [];
    const postings = new GrowingUint32Array();
    for (const [term, data] of this._index) {
      terms.push(term);
      postings.push(data.size);
      for (const [fieldId, records] of data) {
        postings.push(fieldId);
        const countAt = postings.reserve();
        let count = 0;
        for (const [shortId, frequency] of records) {
          if (!this._documentIds.has(shortId)) continue;
          postings.push(shortId, frequency);
          count++;
        }
        postings.set(countAt, count);
      }
    }
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      averageFieldLength: [...this._avgFieldLength],
      shortIds,
      ids: Array.from(shortIds, (shortId) => this.idOf(shortId)),
      fieldLengths,
      terms,
      postings: postings.toArray(),
      filters: this.#filters.snapshot(shortIds)
    };
  }

  /** An engine holding what `snapshot` saved; throws on a snapshot that does not hold together. */
  static restore(snapshot: KeywordSnapshot): KeywordEngine {
    const { shortIds, ids, fieldLengths, terms, postings } = snapshot;
    if (ids.length !== shortIds.length || fieldLengths.length !== shortIds.length * FIELD_COUNT) {
      throw new Error('its record columns differ in length');
    }
    const engine = new KeywordEngine();
    engine._documentCount = snapshot.documentCount;
    engine._nextId = snapshot.nextId;
    engine._avgFieldLength = [...snapshot.averageFieldLength];
    shortIds.forEach((shortId, at) => {
      engine._documentIds.set(shortId, ids[at]);
      engine._idToShortId.set(ids[at], shortId);
      engine._fieldLength.set(shortId, Array.from(fieldLengths.subarray(at * FIELD_COUNT, (at + 1) * FIELD_COUNT)));
    });
    let at = 0;
    for (const term of terms) {
      const data: TermPostings = new Map();
      const fieldCount = postings[at++];
      for (let field = 0; field < fieldCount; field++) {
        const fieldId = postings[at++];
        const count = postings[at++];
        const records = new Map<number, number>();
        for (let posting = 0; posting < count; posting++, at += 2) records.set(postings[at], postings[at + 1]);
        if (records.size > 0) data.set(fieldId, records);
      }
      if (data.size > 0) engine._index.set(term, data);
    }
    if (at !== postings.length) throw new Error('its postings do not match its terms');
    engine.#filters = FilterColumns.restore(snapshot.filters, shortIds);
    return engine;
  }
}

/** A Uint32Array built by appending, doubling its buffer as it fills. */
class GrowingUint32Array {
  #array = new Uint32Array(1 << 16);
  #length = 0;

  push(...values: number[]): void {
    this.#ensure(this.#length + values.length);
    for (const value of values) this.#array[this.#length++] = value;
  }

  /** Appends a place for a value not known yet; returns its position for `set`. */
  reserve(): number {
    this.push(0);
    return this.#length - 1;
  }

  set(at: number, value: number): void {
    this.#array[at] = value;
  }

  toArray(): Uint32Array {
    return this.#array.slice(0, this.#length);
  }

  #ensure(length: number): void {
    if (length <= this.#array.length) return;
    const grown = new Uint32Array(Math.max(length, this.#array.length * 2));
    grown.set(this.#array);
    this.#array = grown;
  }
}
