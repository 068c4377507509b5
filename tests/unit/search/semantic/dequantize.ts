import type { QuantizedRows } from '$lib/search/semantic/vector-quantization';

/** The float rows int8 codes stand for: each code times its row's scale. */
export function dequantizeRows({ codes, scales }: QuantizedRows, dims: number): Float32Array {
  const values = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i += 1) values[i] = codes[i] * scales[Math.floor(i / dims)];
  return values;
}
