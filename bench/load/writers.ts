import { summarise } from './recorder';

export interface RateFigures {
  writers: number;
  /** Writes finished per second of the measured time. */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The first error, if any, to say what went wrong. */
  firstError?: string;
}

/**
 * `writers` closed loops, each starting its next write when the last one answered, for a warm-up
 * and then `seconds` measured: the rate concurrency buys. Writes that start in the warm-up are not
 * counted; every failure is.
 */
export async function loopWriters(options: {
  writers: number;
  warmupSeconds: number;
  seconds: number;
  write: (writer: number) => Promise<void>;
}): Promise<RateFigures> {
  const start = performance.now() + options.warmupSeconds * 1000;
  const end = start + options.seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: options.writers }, async (_, writer) => {
      while (performance.now() < end) {
        const began = performance.now();
        try {
          await options.write(writer);
          if (began >= start) latencies.push(performance.now() - began);
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    })
  );
  const timing = latencies.length > 0 ? summarise(latencies) : { p50: 0, p99: 0 };
  return { writers: options.writers, perSecond: latencies.length / options.seconds, p50Ms: timing.p50, p99Ms: timing.p99, errors, firstError };
}
