/**
 * The records holding one term in one field, and how often each holds it: two typed arrays in
 * ascending short-id order. A Map per term and field (minisearch's layout) took about 40 bytes a
 * record, 216 MB at 100,000 records; these take 6 bytes.
 */
export class PostingList {
  #ids: Uint32Array;
  #counts: Uint16Array;
  #size: number;

  constructor(ids: Uint32Array = new Uint32Array(2), counts: Uint16Array = new Uint16Array(2), size = 0) {
    this.#ids = ids;
    this.#counts = counts;
    this.#size = size;
  }

  /** Records in the list, removed ones included until `keepOnly` drops them. */
  get size(): number {
    return this.#size;
  }

  /**
   * Counts one more occurrence in the record. Records are added in ascending short-id order, and a
   * record's occurrences one after another, so the record is either the last one or a new one.
   */
  add(shortId: number): void {
    const last = this.#size - 1;
    if (last >= 0 && this.#ids[last] === shortId) {
      if (this.#counts[last] < 0xffff) this.#counts[last]++;
      return;
    }
    if (last >= 0 && this.#ids[last] > shortId) throw new Error(`record ${shortId} added after record ${this.#ids[last]}`);
    if (this.#size === this.#ids.length) this.#grow();
    this.#ids[this.#size] = shortId;
    this.#counts[this.#size] = 1;
    this.#size++;
  }

  /** How often the record holds the term, or 0 (a binary search: lists are sorted). */
  countIn(shortId: number): number {
    let low = 0;
    let high = this.#size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const id = this.#ids[middle];
      if (id === shortId) return this.#counts[middle];
      if (id < shortId) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /** Calls `visit` for each record and its count, in short-id order. */
  forEach(visit: (shortId: number, count: number) => void): void {
    const ids = this.#ids;
    const counts = this.#counts;
    for (let at = 0; at < this.#size; at++) visit(ids[at], counts[at]);
  }

  /** Drops the records `isLive` rejects; answers how many are left. */
  keepOnly(isLive: (shortId: number) => boolean): number {
    let kept = 0;
    for (let at = 0; at < this.#size; at++) {
      if (!isLive(this.#ids[at])) continue;
      this.#ids[kept] = this.#ids[at];
      this.#counts[kept] = this.#counts[at];
      kept++;
    }
    this.#size = kept;
    return kept;
  }

  /** The live part of the arrays (views, not copies). */
  parts(): { ids: Uint32Array; counts: Uint16Array } {
    return { ids: this.#ids.subarray(0, this.#size), counts: this.#counts.subarray(0, this.#size) };
  }

  #grow(): void {
    const capacity = Math.max(4, this.#ids.length * 2);
    const ids = new Uint32Array(capacity);
    const counts = new Uint16Array(capacity);
    ids.set(this.#ids);
    counts.set(this.#counts);
    this.#ids = ids;
    this.#counts = counts;
  }
}
