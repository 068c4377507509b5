import type { QuantizedRows } from './vector-quantization';

/**
 * Every chunk vector of one site in one block of memory, so a query is a single tight loop: int8
 * codes with a scale per row, and the sign of every number packed 32 to an int for a first pass.
 */
export interface VectorMatrix {
  dims: number;
  ids: string[];
  /** Record i owns rows `firstRows[i]` up to `firstRows[i + 1]`; one more entry than `ids`. */
  firstRows: Uint32Array;
  /** Row r is `codes.subarray(r * dims, (r + 1) * dims)`. */
  codes: Int8Array;
  scales: Float32Array;
  /** Row r is `signs.subarray(r * signWords(dims), (r + 1) * signWords(dims))`; bit set for a positive number. */
  signs: Int32Array;
}

/** A record's vectors to put into a matrix, or null to take it out. */
export type MatrixChanges = ReadonlyMap<string, (QuantizedRows & { dims: number }) | null>;

export function signWords(dims: number): number {
  return Math.ceil(dims / 32);
}

/** Packs records' quantized rows into one matrix, records in the order given. */
export function buildMatrix(dims: number, records: Iterable<{ id: string } & QuantizedRows>): VectorMatrix {
  const builder = new MatrixBuilder(dims);
  for (const record of records) builder.add(record.id, record);
  return builder.finish();
}

/**
 * The matrix with these records replaced, added or (null) removed; runs of untouched records are
 * copied whole. Changed records move to the end, in the changes' order. Undefined while no record
 * has vectors to give the matrix its dims.
 */
export function withChanges(matrix: VectorMatrix | undefined, changes: MatrixChanges): VectorMatrix | undefined {
  const dims = matrix?.dims ?? [...changes.values()].find((rows) => rows !== null)?.dims;
  if (dims === undefined) return matrix;
  // Room for every record added, so a growing site is copied once per query, not twice.
  const added = [...changes.values()].filter((rows) => rows !== null);
  const builder = new MatrixBuilder(dims, {
    records: (matrix?.ids.length ?? 0) + added.length,
    rows: (matrix?.scales.length ?? 0) + added.reduce((sum, rows) => sum + rows.scales.length, 0)
  });
  if (matrix) {
    let runStart = 0;
    matrix.ids.forEach((id, record) => {
      if (!changes.has(id)) return;
      builder.copy(matrix, runStart, record);
      runStart = record + 1;
    });
    builder.copy(matrix, runStart, matrix.ids.length);
  }
  for (const [id, rows] of changes) if (rows) builder.add(id, rows);
  return builder.finish();
}

/**
 * Fills a matrix record by record, its arrays grown by a quarter when an estimate falls short, so
 * a site is read in pieces without holding every piece at once.
 */
export class MatrixBuilder {
  readonly #dims: number;
  readonly #words: number;
  readonly #ids: string[] = [];
  #firstRows: Uint32Array;
  #codes: Int8Array;
  #scales: Float32Array;
  #signs: Int32Array;
  #rows = 0;

  constructor(dims: number, expected: { records: number; rows: number } = { records: 0, rows: 0 }) {
    this.#dims = dims;
    this.#words = signWords(dims);
    this.#firstRows = new Uint32Array(expected.records + 1);
    this.#codes = new Int8Array(expected.rows * dims);
    this.#scales = new Float32Array(expected.rows);
    this.#signs = new Int32Array(expected.rows * this.#words);
  }

  get rows(): number {
    return this.#rows;
  }

  get records(): number {
    return this.#ids.length;
  }

  add(id: string, { codes, scales }: QuantizedRows): void {
    const dims = this.#dims;
    const count = scales.length;
    if (codes.length !== count * dims) throw new RangeError(`The vectors of ${id} are not rows of ${dims}.`);
    this.#reserve(1, count);
    const row = this.#rows;
    this.#codes.set(codes, row * dims);
    this.#scales.set(scales, row);
    packSigns(codes, this.#signs.subarray(row * this.#words, (row + count) * this.#words), dims);
    this.#ids.push(id);
    this.#rows += count;
    this.#firstRows[this.#ids.length] = this.#rows;
  }

  /** Appends records `from` up to `to` of another matrix of the same dims, rows and all. */
  copy(matrix: VectorMatrix, from: number, to: number): void {
    if (to <= from) return;
    const firstRow = matrix.firstRows[from];
    const endRow = matrix.firstRows[to];
    this.#reserve(to - from, endRow - firstRow);
    const row = this.#rows;
    this.#codes.set(matrix.codes.subarray(firstRow * this.#dims, endRow * this.#dims), row * this.#dims);
    this.#scales.set(matrix.scales.subarray(firstRow, endRow), row);
    this.#signs.set(matrix.signs.subarray(firstRow * this.#words, endRow * this.#words), row * this.#words);
    for (let record = from; record < to; record += 1) {
      this.#ids.push(matrix.ids[record]);
      this.#firstRows[this.#ids.length] = row + matrix.firstRows[record + 1] - firstRow;
    }
    this.#rows += endRow - firstRow;
  }

  finish(): VectorMatrix {
    const rows = this.#rows;
    const words = this.#words;
    // Views where the estimate was close; a copy briefly holds the rows twice, so only past 1/32 unused.
    const fit = <T extends Growable>(array: T, length: number) =>
      (array.length - length > length / 32 ? array.slice(0, length) : array.subarray(0, length)) as T;
    return {
      dims: this.#dims,
      ids: this.#ids,
      firstRows: fit(this.#firstRows, this.#ids.length + 1),
      codes: fit(this.#codes, rows * this.#dims),
      scales: fit(this.#scales, rows),
      signs: fit(this.#signs, rows * words)
    };
  }

  #reserve(records: number, rows: number): void {
    const neededRecords = this.#ids.length + records + 1;
    if (neededRecords > this.#firstRows.length) this.#firstRows = grown(this.#firstRows, neededRecords);
    const neededRows = this.#rows + rows;
    if (neededRows <= this.#scales.length) return;
    const capacity = Math.max(neededRows, Math.ceil(this.#scales.length * GROWTH));
    this.#codes = grown(this.#codes, capacity * this.#dims);
    this.#scales = grown(this.#scales, capacity);
    this.#signs = grown(this.#signs, capacity * this.#words);
  }
}

type Growable = Uint32Array | Int8Array | Float32Array | Int32Array;

// Small steps: what a short estimate leaves unused at the end stays small, or is given back by finish().
const GROWTH = 1.25;

function grown<T extends Growable>(array: T, needed: number): T {
  const larger = new (array.constructor as new (length: number) => T)(Math.max(needed, Math.ceil(array.length * GROWTH)));
  larger.set(array as never);
  return larger;
}

/** Sets bit i of a row's sign words where its number i is positive. */
function packSigns(codes: Int8Array, into: Int32Array, dims: number): void {
  const words = signWords(dims);
  const rows = codes.length / dims;
  for (let row = 0; row < rows; row += 1) {
    for (let w = 0; w < words; w += 1) {
      const start = row * dims + w * 32;
      const end = Math.min(start + 32, (row + 1) * dims);
      let word = 0;
      // -code has its sign bit set exactly when code > 0: no branch per number.
      for (let i = start; i < end; i += 1) word |= (-codes[i] >>> 31) << (i - start);
      into[row * words + w] = word;
    }
  }
}
