import { describe, expect, it } from 'vitest';
import { quantizeRows } from '$lib/search/semantic/vector-quantization';
import { dequantizeRows } from './dequantize';
import { dot, randomUnitVector, seededRandom } from './seeded-vectors';

const DIMS = 512;

describe('quantizeRows', () => {
  const random = seededRandom(17);
  const rows = Array.from({ length: 50 }, () => randomUnitVector(random, DIMS));
  const flat = Float32Array.from(rows.flatMap((row) => [...row]));
  const quantized = quantizeRows(flat, DIMS);
  const restored = dequantizeRows(quantized, DIMS);

  it('keeps one int8 code per number and one scale per row', () => {
    expect(quantized.codes).toBeInstanceOf(Int8Array);
    expect(quantized.codes.length).toBe(flat.length);
    expect(quantized.scales.length).toBe(rows.length);
  });

  it('uses the whole code range on every row: its largest magnitude becomes ±127', () => {
    for (let row = 0; row < rows.length; row += 1) {
      const codes = quantized.codes.subarray(row * DIMS, (row + 1) * DIMS);
      expect(Math.max(...codes.map(Math.abs))).toBe(127);
    }
  });

  it('moves no number by more than half a step of its row', () => {
    for (let i = 0; i < flat.length; i += 1) {
      const halfStep = quantized.scales[Math.floor(i / DIMS)] / 2;
      expect(Math.abs(flat[i] - restored[i])).toBeLessThanOrEqual(halfStep * (1 + 1e-6));
    }
  });

  it('moves a cosine with a unit query by no more than the distance the rounding moved the row', () => {
    const query = randomUnitVector(random, DIMS);
    rows.forEach((row, index) => {
      const back = restored.subarray(index * DIMS, (index + 1) * DIMS);
      const moved = Math.hypot(...row.map((value, i) => value - back[i]));
      expect(moved).toBeLessThan(0.01);
      expect(Math.abs(dot(row, query) - dot(back, query))).toBeLessThanOrEqual(moved);
    });
  });

  it('keeps an all-zero row at zero rather than dividing by its scale', () => {
    const { codes, scales } = quantizeRows(new Float32Array(4), 4);
    expect([...codes, ...scales]).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses numbers that are not whole rows', () => {
    expect(() => quantizeRows(new Float32Array(5), 4)).toThrow(/whole rows of 4/);
  });
});
