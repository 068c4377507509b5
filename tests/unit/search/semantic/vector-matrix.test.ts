import { describe, expect, it } from 'vitest';
import { MatrixBuilder, buildMatrix, withChanges, type VectorMatrix } from '$lib/search/semantic/vector-matrix';
import { quantizeRows } from '$lib/search/semantic/vector-quantization';

const DIMS = 40;
// Row values that tell records apart: record n's rows hold n + 0.1 × its chunk number, signs alternating.
const rowsOf = (n: number, chunks = 1) =>
  ({ dims: DIMS, ...quantizeRows(Float32Array.from({ length: chunks * DIMS }, (_, i) => (i % 2 ? -1 : 1) * (n + 0.1 * Math.floor(i / DIMS))), DIMS) });

/** Each record's rows as plain numbers, by id. */
function contents(matrix: VectorMatrix): Record<string, number[][]> {
  return Object.fromEntries(
    matrix.ids.map((id, record) => {
      const rows: number[][] = [];
      for (let row = matrix.firstRows[record]; row < matrix.firstRows[record + 1]; row += 1) {
        rows.push([...matrix.codes.subarray(row * DIMS, (row + 1) * DIMS)].map((code) => code * matrix.scales[row]));
      }
      return [id, rows];
    })
  );
}

describe('VectorMatrix', () => {
  const matrix = buildMatrix(DIMS, [
    { id: 'a', ...rowsOf(1) },
    { id: 'b', ...rowsOf(2, 3) },
    { id: 'c', ...rowsOf(3) }
  ]);

  it('packs every record\'s rows end to end, in order', () => {
    expect(matrix.ids).toEqual(['a', 'b', 'c']);
    expect([...matrix.firstRows]).toEqual([0, 1, 4, 5]);
    expect(matrix.codes.length).toBe(5 * DIMS);
    expect(contents(matrix).b.map((row) => row[0])).toEqual([2, 2.1, 2.2].map((value) => expect.closeTo(value, 1)));
  });

  it('sets a sign bit for every positive number, 32 to a word', () => {
    // Even positions are positive: 0b…0101 in each word; 40 numbers take two words, the second 8 bits.
    expect(matrix.signs.length).toBe(5 * 2);
    expect(matrix.signs[0] >>> 0).toBe(0x55555555);
    expect(matrix.signs[1]).toBe(0x55);
  });

  it('replaces, removes and adds records, keeping the rest as they were', () => {
    const changed = withChanges(matrix, new Map([
      ['b', rowsOf(7)],
      ['c', null],
      ['d', rowsOf(4, 2)],
      ['never-there', null]
    ])) as VectorMatrix;
    expect(changed.ids).toEqual(['a', 'b', 'd']);
    expect([...changed.firstRows]).toEqual([0, 1, 2, 4]);
    const before = contents(matrix);
    const after = contents(changed);
    expect(after.a).toEqual(before.a);
    expect(after.b.map((row) => row[0])).toEqual([expect.closeTo(7, 1)]);
    expect(after.d.map((row) => row[1])).toEqual([-4, -4.1].map((value) => expect.closeTo(value, 1)));
  });

  it('starts a matrix from changes alone, and has none while no record has vectors', () => {
    expect(withChanges(undefined, new Map([['x', null]]))).toBeUndefined();
    expect(withChanges(undefined, new Map([['x', rowsOf(1)]]))?.ids).toEqual(['x']);
  });

  const filled = (expected: { records: number; rows: number }) => {
    const builder = new MatrixBuilder(DIMS, expected);
    for (let n = 0; n < 10; n += 1) builder.add(`r${n}`, rowsOf(n, 2));
    return builder.finish();
  };

  it('grows past a short estimate', () => {
    const grown = filled({ records: 1, rows: 1 });
    expect(grown.scales.length).toBe(20);
    expect(grown.ids.length).toBe(10);
    expect(contents(grown).r9.map((row) => row[0])).toEqual([9, 9.1].map((value) => expect.closeTo(value, 1)));
  });

  it('gives back what a long estimate left unused, beyond a thirty-second', () => {
    expect(filled({ records: 10, rows: 100 }).codes.buffer.byteLength).toBe(20 * DIMS);
    expect(filled({ records: 10, rows: 22 }).codes.buffer.byteLength).toBe(20 * DIMS);
    expect(filled({ records: 10, rows: 20 }).codes.buffer.byteLength).toBe(20 * DIMS);
  });

  it('refuses rows of another length than its dims', () => {
    expect(() => new MatrixBuilder(DIMS + 1).add('x', rowsOf(1))).toThrow(/not rows of 41/);
  });
});
