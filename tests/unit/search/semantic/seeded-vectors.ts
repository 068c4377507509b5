/** Replayable random numbers for the quantization tests and the benchmark: fixed seeds, the same numbers every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32: small, fast, and the same numbers on every run.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Normally distributed numbers (Box–Muller) from a seeded uniform source. */
export function normalFrom(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A unit vector of normally distributed numbers, as sentence encoders roughly give. */
export function randomUnitVector(random: () => number, dims: number): Float32Array {
  const normal = normalFrom(random);
  return normalised(Array.from({ length: dims }, normal));
}

/** A unit vector whose cosine with the unit vector `towards` is exactly `weight`. */
export function vectorNear(random: () => number, towards: Float32Array, weight: number): Float32Array {
  const noise = randomUnitVector(random, towards.length);
  // Only the part of the noise at right angles to `towards`, so it adds no similarity of its own.
  const along = dot(noise, towards);
  const across = normalised(Array.from(noise, (value, i) => value - along * towards[i]));
  return normalised(Array.from(towards, (value, i) => weight * value + Math.sqrt(1 - weight * weight) * across[i]));
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i] * b[i];
  return sum;
}

function normalised(values: number[]): Float32Array {
  const length = Math.hypot(...values);
  return Float32Array.from(values, (value) => value / length);
}
