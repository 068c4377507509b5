/** A fixed amount of work timed as a whole: documents moved, requests made, each request's time. */
export interface Throughput {
  documents: number;
  requests: number;
  seconds: number;
  documentsPerSecond: number;
  latencyMs: Percentiles;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles of `samples` (milliseconds); zeros for none. */
export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { p50: 0, p95: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] };
}

/**
 * Runs `workers` concurrent loops, each calling `step(worker)` until it answers undefined (that
 * worker is done), and times the whole: the rate is documents over wall time, so the slowest
 * worker's tail counts as it would for a client. A step answers the documents it moved.
 */
export async function timeWorkers(options: {
  workers: number;
  step: (worker: number) => Promise<number | undefined>;
}): Promise<Throughput> {
  const latencies: number[] = [];
  let documents = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      for (;;) {
        const begun = performance.now();
        const moved = await options.step(worker);
        if (moved === undefined) return;
        documents += moved;
        latencies.push(performance.now() - begun);
      }
    })
  );
  const seconds = (performance.now() - started) / 1000;
  return { documents, requests: latencies.length, seconds, documentsPerSecond: documents / seconds, latencyMs: percentiles(latencies) };
}
