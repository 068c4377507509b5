import { grown } from './grown';

export interface ScoredRecord {
  shortId: number;
  score: number;
  /** Bit n set: the record holds query word n, exactly or not. */
  matched: number;
  /** Bit n set: the record holds query word n exactly as typed. */
  exact: number;
}

/**
 * One search's running scores, in arrays indexed by record number and reused from search to
 * search: a common word touches tens of thousands of records, and a Map entry and an object for
 * each cost more than scoring them. Only the records touched are listed, and only they are reset.
 */
export class ScoreTable {
  #scores = new Float64Array(1024);
  #matched = new Uint32Array(1024);
  #exact = new Uint32Array(1024);
  #touched = new Uint32Array(1024);
  #count = 0;

  /** Clears the last search's scores and makes room for records numbered below `limit`. */
  reset(limit: number): void {
    for (let at = 0; at < this.#count; at++) this.#clear(this.#touched[at]);
    this.#count = 0;
    this.#scores = grown(this.#scores, limit);
    this.#matched = grown(this.#matched, limit);
    this.#exact = grown(this.#exact, limit);
    this.#touched = grown(this.#touched, limit);
  }

  get count(): number {
    return this.#count;
  }

  has(shortId: number): boolean {
    return this.#matched[shortId] !== 0;
  }

  /** The records touched so far, as record numbers (a view: valid until the next change). */
  touched(): Uint32Array {
    return this.#touched.subarray(0, this.#count);
  }

  /** Adds to the record's score for the word of `bit`, listing the record if it is new. */
  add(options: { shortId: number; score: number; bit: number; exact: boolean }): void {
    const { shortId, score, bit, exact } = options;
    if (this.#matched[shortId] === 0) this.#touched[this.#count++] = shortId;
    this.#scores[shortId] += score;
    this.#matched[shortId] |= bit;
    if (exact) this.#exact[shortId] |= bit;
  }

  /** Keeps only the records holding the word of `bit`. */
  keepHolding(bit: number): void {
    let kept = 0;
    for (let at = 0; at < this.#count; at++) {
      const shortId = this.#touched[at];
      if (this.#matched[shortId] & bit) this.#touched[kept++] = shortId;
      else this.#clear(shortId);
    }
    this.#count = kept;
  }

  /** The `rank`-th best score among the records `accept` lets through (-Infinity when fewer). */
  scoreAt(rank: number, accept?: (shortId: number) => boolean): number {
    const scores: number[] = [];
    for (let at = 0; at < this.#count; at++) {
      const shortId = this.#touched[at];
      if (!accept || accept(shortId)) scores.push(this.#scores[shortId] * bitCount(this.#matched[shortId]));
    }
    return scores.length < rank ? -Infinity : Float64Array.from(scores).sort()[scores.length - rank];
  }

  /**
   * The `limit` best records that `accept` lets through, best first, and how many it let through.
   * A record's score is its sum times the number of words it holds.
   */
  best(options: { limit: number; accept?: (shortId: number) => boolean }): { found: number; best: ScoredRecord[] } {
    const { limit, accept } = options;
    const ids: number[] = [];
    const scores: number[] = [];
    for (let at = 0; at < this.#count; at++) {
      const shortId = this.#touched[at];
      if (accept && !accept(shortId)) continue;
      ids.push(shortId);
      scores.push(this.#scores[shortId] * bitCount(this.#matched[shortId]));
    }
    // The cut is found by sorting the scores alone, as numbers in a typed array; only the records
    // above it become objects.
    const threshold = ids.length <= limit ? -Infinity : Float64Array.from(scores).sort()[ids.length - limit];
    const best: ScoredRecord[] = [];
    ids.forEach((shortId, at) => {
      if (scores[at] >= threshold) best.push({ shortId, score: scores[at], matched: this.#matched[shortId], exact: this.#exact[shortId] });
    });
    best.sort((a, b) => b.score - a.score);
    return { found: ids.length, best: best.slice(0, limit) };
  }

  #clear(shortId: number): void {
    this.#scores[shortId] = 0;
    this.#matched[shortId] = 0;
    this.#exact[shortId] = 0;
  }
}

/** How many words a record's match flags hold. */
export function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest; rest &= rest - 1) count++;
  return count;
}
