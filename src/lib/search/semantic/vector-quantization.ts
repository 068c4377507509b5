/**
 * Vectors as kept on the device: each row of `dims` numbers as int8 codes and one float scale, the
 * row being `codes * scale`. A quarter of float32's size; for unit vectors of 512 numbers the
 * rounding moves a row by less than 0.01, and so a cosine with a unit query by no more (unit test).
 */
export interface QuantizedRows {
  /** Row r is `codes.subarray(r * dims, (r + 1) * dims)`. */
  codes: Int8Array;
  /** One per row: what a code of 1 stands for. */
  scales: Float32Array;
}

const CODE_MAX = 127;

/** Quantizes rows of `dims` numbers end to end, each row scaled so its largest magnitude is 127. */
export function quantizeRows(values: ArrayLike<number>, dims: number): QuantizedRows {
  const rows = values.length / dims;
  if (!Number.isInteger(rows)) throw new RangeError(`${values.length} numbers are not whole rows of ${dims}.`);
  const codes = new Int8Array(values.length);
  const scales = new Float32Array(rows);
  for (let row = 0; row < rows; row += 1) {
    const offset = row * dims;
    let largest = 0;
    for (let i = 0; i < dims; i += 1) largest = Math.max(largest, Math.abs(values[offset + i]));
    // An all-zero row stays all zero, with a scale of 0 rather than a division by it.
    if (largest === 0) continue;
    const scale = largest / CODE_MAX;
    scales[row] = scale;
    for (let i = 0; i < dims; i += 1) codes[offset + i] = Math.round(values[offset + i] / scale);
  }
  return { codes, scales };
}
