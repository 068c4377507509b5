import SearchableMap from 'minisearch/SearchableMap';
import { FilterColumns, type FilterColumnsSnapshot } from './filter-columns';
import { grown } from './grown';
import { fieldTerms } from './keyword-options';
import { PostingList } from './posting-list';
import type { ScoringView } from './ranked-search';
import { KEYWORD_FIELD_BOOSTS, KEYWORD_FIELDS, type SearchableRecord } from './searchable-record';
import type { Vocabulary } from './term-expansion';

/** A term's postings, by field id (the field's place in `KEYWORD_FIELDS`). */
export type TermPostings = (PostingList | undefined)[];

/**
 * An index as saved: flat typed arrays that structured cloning (IndexedDB) copies in one piece,
 * where minisearch's JSON text took seconds to parse back at 100,000 records. Records are numbered
 * afresh from 0 in their order, so the numbers left by removed records are not carried over.
 */
export interface KeywordSnapshot {
  ids: string[];
  /** Distinct words per field, `KEYWORD_FIELDS.length` numbers per record. */
  fieldLengths: Uint32Array;
  terms: string[];
  /** Per term: its number of fields, then per field its id and its number of records. */
  layout: Uint32Array;
  /** Every list's record numbers, one list after another in the order of `layout`. */
  postingIds: Uint32Array;
  postingCounts: Uint16Array;
  filters: FilterColumnsSnapshot;
}

const FIELD_COUNT = KEYWORD_FIELDS.length;
const FIELDS = KEYWORD_FIELDS.map((field, id) => ({ id, boost: KEYWORD_FIELD_BOOSTS[field] }));
/**
 * Removed records' postings are dropped once they are a tenth of the index (and at least this
 * many): until then they cost a skipped entry per search, after it one pass over every list.
 */
const MIN_REMOVED_TO_CLEAN = 1000;

/**
 * One site's inverted index: terms in minisearch's radix tree (for prefix and edit-distance
 * search over the vocabulary), each with a posting list per field, and per record its id, field
 * lengths and the fields the Finder's filters read. Records get a short number, ascending in the
 * order they are added; an edited record is removed and added again under a new one.
 */
export class KeywordEngine {
  readonly #terms = new SearchableMap<TermPostings>();
  /** The same terms in a hash map: adding a record looks up every word it holds, and a tree walk per word was most of a build. */
  readonly #byTerm = new Map<string, TermPostings>();
  #ids: (string | undefined)[] = [];
  readonly #shortIds = new Map<string, number>();
  #fieldLengths = new Uint32Array(1024 * FIELD_COUNT);
  readonly #lengthSums = new Float64Array(FIELD_COUNT);
  #removedSinceClean = 0;
  #filters = new FilterColumns();

  get documentCount(): number {
    return this.#shortIds.size;
  }

  get filters(): FilterColumns {
    return this.#filters;
  }

  has(id: string): boolean {
    return this.#shortIds.has(id);
  }

  idOf(shortId: number): string {
    return this.#ids[shortId]!;
  }

  /** Adds a record not in the index (`remove` it first to replace it). */
  add(record: SearchableRecord): void {
    const shortId = this.#ids.length;
    this.#ids.push(record.id);
    this.#shortIds.set(record.id, shortId);
    this.#fieldLengths = grown(this.#fieldLengths, (shortId + 1) * FIELD_COUNT);
    KEYWORD_FIELDS.forEach((field, fieldId) => {
      const { terms, length } = fieldTerms(record[field]);
      this.#fieldLengths[shortId * FIELD_COUNT + fieldId] = length;
      this.#lengthSums[fieldId] += length;
      for (const term of terms) this.#postings(term, fieldId).add(shortId);
    });
    this.#filters.set(shortId, record);
  }

  remove(id: string): void {
    const shortId = this.#shortIds.get(id);
    if (shortId === undefined) return;
    this.#shortIds.delete(id);
    this.#ids[shortId] = undefined;
    for (let fieldId = 0; fieldId < FIELD_COUNT; fieldId++) this.#lengthSums[fieldId] -= this.#fieldLengths[shortId * FIELD_COUNT + fieldId];
    this.#removedSinceClean++;
    if (this.#removedSinceClean >= Math.max(MIN_REMOVED_TO_CLEAN, this.documentCount / 10)) this.#clean();
  }

  vocabulary(): Vocabulary<TermPostings> {
    const terms = this.#terms;
    return {
      get: (term) => this.#byTerm.get(term),
      withPrefix: (prefix) => terms.atPrefix(prefix).entries(),
      near: function* (term, distance) {
        for (const [found, [data, away]] of terms.fuzzyGet(term, distance)) yield [found, data, away];
      },
      frequency: (data) => data.reduce((sum, postings) => sum + (postings?.size ?? 0), 0)
    };
  }

  scoringView(): ScoringView {
    const ids = this.#ids;
    const lengths = this.#fieldLengths;
    const count = this.documentCount;
    return {
      isLive: (shortId) => ids[shortId] !== undefined,
      fieldLength: (shortId, fieldId) => lengths[shortId * FIELD_COUNT + fieldId],
      averageFieldLength: Array.from(this.#lengthSums, (sum) => (count > 0 ? sum / count : 0)),
      documentCount: count,
      recordLimit: ids.length,
      fields: FIELDS
    };
  }

  snapshot(): KeywordSnapshot {
    const live = Uint32Array.from(this.#shortIds.values()).sort();
    const renumbered = new Int32Array(this.#ids.length).fill(-1);
    live.forEach((shortId, at) => (renumbered[shortId] = at));
    const fieldLengths = new Uint32Array(live.length * FIELD_COUNT);
    live.forEach((shortId, at) => fieldLengths.set(this.#fieldLengths.subarray(shortId * FIELD_COUNT, (shortId + 1) * FIELD_COUNT), at * FIELD_COUNT));

    let bound = 0;
    for (const byField of this.#terms.values()) for (const postings of byField) bound += postings?.size ?? 0;
    const postingIds = new Uint32Array(bound);
    const postingCounts = new Uint16Array(bound);
    const terms: string[] = [];
    const layout: number[] = [];
    let written = 0;
    for (const [term, byField] of this.#terms) {
      const fieldsAt = layout.length;
      layout.push(0);
      byField.forEach((postings, fieldId) => {
        if (!postings) return;
        const { ids, counts } = postings.parts();
        const start = written;
        for (let at = 0; at < ids.length; at++) {
          const renumber = renumbered[ids[at]];
          if (renumber < 0) continue;
          postingIds[written] = renumber;
          postingCounts[written] = counts[at];
          written++;
        }
        if (written === start) return;
        layout.push(fieldId, written - start);
        layout[fieldsAt]++;
      });
      if (layout[fieldsAt] === 0) layout.length = fieldsAt;
      else terms.push(term);
    }
    return {
      ids: Array.from(live, (shortId) => this.#ids[shortId]!),
      fieldLengths,
      terms,
      layout: Uint32Array.from(layout),
      postingIds: postingIds.slice(0, written),
      postingCounts: postingCounts.slice(0, written),
      filters: this.#filters.snapshot(live)
    };
  }

  /** An engine holding what `snapshot` saved; throws on a snapshot that does not hold together. */
  static restore(snapshot: KeywordSnapshot): KeywordEngine {
    const { ids, fieldLengths, terms, layout, postingIds, postingCounts } = snapshot;
    if (fieldLengths.length !== ids.length * FIELD_COUNT) throw new Error('its field lengths do not match its records');
    if (postingIds.length !== postingCounts.length) throw new Error('its posting columns differ in length');
    const engine = new KeywordEngine();
    engine.#ids = [...ids];
    ids.forEach((id, shortId) => engine.#shortIds.set(id, shortId));
    engine.#fieldLengths = fieldLengths.slice();
    fieldLengths.forEach((length, at) => (engine.#lengthSums[at % FIELD_COUNT] += length));
    let step = 0;
    let start = 0;
    for (const term of terms) {
      const byField: TermPostings = [];
      const fieldCount = layout[step++];
      for (let field = 0; field < fieldCount; field++) {
        const fieldId = layout[step++];
        const size = layout[step++];
        const end = start + size;
        if (fieldId >= FIELD_COUNT || end > postingIds.length) throw new Error('its layout reaches past its postings');
        // Views into the snapshot's arrays: a list that grows later copies itself out.
        byField[fieldId] = new PostingList(postingIds.subarray(start, end), postingCounts.subarray(start, end), size);
        start = end;
      }
      engine.#terms.set(term, byField);
      engine.#byTerm.set(term, byField);
    }
    if (step !== layout.length || start !== postingIds.length) throw new Error('its layout does not match its postings');
    engine.#filters = FilterColumns.restore(snapshot.filters, ids.length);
    return engine;
  }

  #postings(term: string, fieldId: number): PostingList {
    let byField = this.#byTerm.get(term);
    if (!byField) {
      byField = [];
      this.#byTerm.set(term, byField);
      this.#terms.set(term, byField);
    }
    return (byField[fieldId] ??= new PostingList());
  }

  /** Drops removed records from every list, and terms no record holds any more. */
  #clean(): void {
    const isLive = (shortId: number) => this.#ids[shortId] !== undefined;
    const unused: string[] = [];
    for (const [term, byField] of this.#terms) {
      let left = 0;
      byField.forEach((postings, fieldId) => {
        if (!postings) return;
        if (postings.keepOnly(isLive) > 0) left++;
        else byField[fieldId] = undefined;
      });
      if (left === 0) unused.push(term);
    }
    for (const term of unused) {
      this.#terms.delete(term);
      this.#byTerm.delete(term);
    }
    this.#removedSinceClean = 0;
  }
}
