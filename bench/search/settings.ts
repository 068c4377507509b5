/** Local records the search suite measures at: BENCH_SEARCH_SIZES, comma-separated (10000,100000). */
export function searchSizes(env: NodeJS.ProcessEnv = process.env): number[] {
  const text = env.BENCH_SEARCH_SIZES;
  if (text === undefined || text === '') return [10_000, 100_000];
  const sizes = text.split(',').map((part) => Number(part.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    throw new Error(`BENCH_SEARCH_SIZES must be positive whole numbers separated by commas (got ${JSON.stringify(text)}).`);
  }
  return sizes;
}
