import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export interface LoadOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Defaults for every request: method, path, headers, body. */
  request: autocannon.Request;
  /** Makes each request in turn, e.g. a new body or query; see autocannon's `setupRequest`. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** What every suite records of a load run; latencies in milliseconds. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Answers received in the measured window. */
  requests: number;
  /** Requests sent; the difference to `requests` was still in flight when the window closed. */
  sent: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
}

// Pipelining stays at 1: browsers and the app send one request at a time per connection, and a
// pipelined run would report a throughput no client ever sees.
const PIPELINING = 1;
// A request that takes this long is counted as an error rather than left to stretch the run.
const REQUEST_TIMEOUT_SECONDS = 10;
// Past this, the server is stuck rather than busy; the next scenario will show it.
const IDLE_TIMEOUT_MS = 30_000;
const IDLE_RETRY_DELAY_MS = 100;

/**
 * A warm-up run whose figures are thrown away, then the measured run with the same settings.
 * Closed-loop (each connection waits for its answer), so the load adapts to what the server can do.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  await fire(options, options.warmupSeconds);
  return summarise(await fire(options, options.seconds));
}

function fire(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    // One entry, repeated by autocannon; setupRequest (when given) varies it request by request.
    requests: [options.setupRequest ? { ...options.request, setupRequest: options.setupRequest } : options.request],
    connections: options.connections,
    pipelining: PIPELINING,
    duration: seconds,
    timeout: REQUEST_TIMEOUT_SECONDS
  });
}

function summarise(result: autocannon.Result): LoadResult {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])
  );
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max
    },
    requests: result.requests.total,
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    durationSeconds: result.duration
  };
}

/**
 * Waits until the server has worked off what the last run left behind. autocannon closes its
 * connections when the time is up, but the server still runs the queries of the requests in
 * flight; a slow scenario would otherwise eat into the first seconds of the next one. /api/ready
 * queues behind them for a pooled connection, so two answers in a row mean the queue is empty.
 */
export async function waitUntilIdle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  let answered = 0;
  while (answered < 2 && Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/ready`).catch(() => undefined);
    await response?.body?.cancel();
    if (response?.ok) {
      answered++;
    } else {
      answered = 0;
      await sleep(IDLE_RETRY_DELAY_MS);
    }
  }
}
