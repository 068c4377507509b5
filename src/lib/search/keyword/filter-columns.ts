import { leadMatcher } from '$lib/db/lead-match';
import type { KeywordFilters } from './keyword-index';
import type { SearchableRecord } from './searchable-record';

/** The columns as saved: each text column as its distinct values and one code per record. */
export interface FilterColumnsSnapshot {
  siteIds: CodedColumnSnapshot;
  types: CodedColumnSnapshot;
  leads: CodedColumnSnapshot;
  starts: Float64Array;
}

interface CodedColumnSnapshot {
  values: string[];
  codes: Uint32Array;
}

/**
 * A text column with few distinct values (sites, types, leads), each record holding a code: one
 * string per value instead of one per record, which at 100,000 records is most of what filtering kept.
 */
class CodedColumn {
  readonly values: string[] = [];
  readonly #codes = new Map<string, number>();
  #records = new Uint32Array(1024);

  set(shortId: number, value: string): void {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.#codes.set(value, code);
    }
    this.#records = ensureLength(this.#records, shortId + 1);
    this.#records[shortId] = code;
  }

  get(shortId: number): string {
    return this.values[this.#records[shortId]];
  }

  snapshot(shortIds: Uint32Array): CodedColumnSnapshot {
    return { values: [...this.values], codes: shortIds.map((shortId) => this.#records[shortId]) };
  }

  static restore(snapshot: CodedColumnSnapshot, shortIds: Uint32Array): CodedColumn {
    const column = new CodedColumn();
    shortIds.forEach((shortId, at) => column.set(shortId, snapshot.values[snapshot.codes[at]]));
    return column;
  }
}

/** The fields the Finder's filters read, per record short id, kept beside the index. */
export class FilterColumns {
  #siteIds = new CodedColumn();
  #types = new CodedColumn();
  #leads = new CodedColumn();
  #starts = new Float64Array(1024);

  set(shortId: number, record: SearchableRecord): void {
    this.#siteIds.set(shortId, record.siteId);
    this.#types.set(shortId, record.type);
    this.#leads.set(shortId, record.lead);
    this.#starts = ensureLength(this.#starts, shortId + 1);
    // A UTC instant in ISO 8601 orders as its time value does; a number is smaller than its text.
    this.#starts[shortId] = Date.parse(record.startDatetime);
  }

  siteId(shortId: number): string {
    return this.#siteIds.get(shortId);
  }

  /** A test of short ids against the filters, or undefined when there is nothing to test. */
  matcher(filters: KeywordFilters): ((shortId: number) => boolean) | undefined {
    const { type, lead, from, to } = filters;
    if (!type && !lead && !from && !to) return undefined;
    const leadMatches = leadMatcher(lead ?? '');
    const fromTime = from ? Date.parse(from) : -Infinity;
    const toTime = to ? Date.parse(to) : Infinity;
    return (shortId) =>
      (!type || this.#types.get(shortId) === type) &&
      leadMatches(this.#leads.get(shortId)) &&
      this.#starts[shortId] >= fromTime &&
      this.#starts[shortId] < toTime;
  }

  snapshot(shortIds: Uint32Array): FilterColumnsSnapshot {
    return {
      siteIds: this.#siteIds.snapshot(shortIds),
      types: this.#types.snapshot(shortIds),
      leads: this.#leads.snapshot(shortIds),
      starts: Float64Array.from(shortIds, (shortId) => this.#starts[shortId])
    };
  }

  static restore(snapshot: FilterColumnsSnapshot, shortIds: Uint32Array): FilterColumns {
    const columns = new FilterColumns();
    columns.#siteIds = CodedColumn.restore(snapshot.siteIds, shortIds);
    columns.#types = CodedColumn.restore(snapshot.types, shortIds);
    columns.#leads = CodedColumn.restore(snapshot.leads, shortIds);
    columns.#starts = ensureLength(columns.#starts, shortIds.reduce((most, shortId) => Math.max(most, shortId), 0) + 1);
    shortIds.forEach((shortId, at) => (columns.#starts[shortId] = snapshot.starts[at]));
    return columns;
  }
}

/** The array, or a copy at least `length` long (doubling, so appends cost little on average). */
function ensureLength<A extends Uint32Array | Float64Array>(array: A, length: number): A {
  if (array.length >= length) return array;
  let size = array.length;
  while (size < length) size *= 2;
  const grown = new (array.constructor as new (size: number) => A)(size);
  grown.set(array);
  return grown;
}
