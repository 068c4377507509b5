import { leadMatcher } from '$lib/db/lead-match';
import { grown } from './grown';
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
    this.#records = grown(this.#records, shortId + 1);
    this.#records[shortId] = code;
  }

  get(shortId: number): string {
    return this.values[this.#records[shortId]];
  }

  snapshot(shortIds: Uint32Array): CodedColumnSnapshot {
    return { values: [...this.values], codes: shortIds.map((shortId) => this.#records[shortId]) };
  }

  /** The column `snapshot` saved, its records numbered from 0 in their order. */
  static restore(snapshot: CodedColumnSnapshot): CodedColumn {
    const column = new CodedColumn();
    snapshot.codes.forEach((code, shortId) => column.set(shortId, snapshot.values[code]));
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
    this.#starts = grown(this.#starts, shortId + 1);
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

  /** The columns of these records, in this order. */
  snapshot(shortIds: Uint32Array): FilterColumnsSnapshot {
    return {
      siteIds: this.#siteIds.snapshot(shortIds),
      types: this.#types.snapshot(shortIds),
      leads: this.#leads.snapshot(shortIds),
      starts: Float64Array.from(shortIds, (shortId) => this.#starts[shortId])
    };
  }

  /** The columns `snapshot` saved, for `count` records numbered from 0 in their order. */
  static restore(snapshot: FilterColumnsSnapshot, count: number): FilterColumns {
    const { siteIds, types, leads, starts } = snapshot;
    if ([siteIds.codes, types.codes, leads.codes, starts].some((column) => column.length !== count)) {
      throw new Error('its filter columns do not match its records');
    }
    const columns = new FilterColumns();
    columns.#siteIds = CodedColumn.restore(siteIds);
    columns.#types = CodedColumn.restore(types);
    columns.#leads = CodedColumn.restore(leads);
    columns.#starts = grown(columns.#starts, count);
    columns.#starts.set(starts);
    return columns;
  }
}
