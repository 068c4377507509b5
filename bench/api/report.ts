import type { LoadResult } from '../lib/load';
import { formatCount, formatMs, formatRatio, type Column } from '../lib/table';
import type { ApiScenario, Target } from './scenarios';

export interface Measured {
  scenario: ApiScenario;
  result: LoadResult;
}

export const COLUMNS: Column[] = [
  { header: 'scenario' },
  { header: 'req/s', align: 'right' },
  { header: 'vs baseline', align: 'right' },
  { header: 'p50 ms', align: 'right' },
  { header: 'p99 ms', align: 'right' },
  { header: 'p99 vs baseline', align: 'right' },
  { header: 'errors', align: 'right' },
  { header: 'non-2xx', align: 'right' },
  { header: 'target' },
  { header: 'met' }
];

export function tableRow({ scenario, result }: Measured, baseline: LoadResult): string[] {
  // With no answer in the window there is no latency to show, only that it exceeded the window.
  const answered = result.requests > 0;
  const over = `> ${formatCount(result.durationSeconds * 1000)}`;
  return [
    scenario.name,
    formatCount(result.requestsPerSecond),
    formatRatio(result.requestsPerSecond / baseline.requestsPerSecond),
    answered ? formatMs(result.latencyMs.p50) : over,
    answered ? formatMs(result.latencyMs.p99) : over,
    answered ? formatRatio(result.latencyMs.p99 / baseline.latencyMs.p99) : '–',
    formatCount(result.errors),
    formatCount(result.non2xx),
    scenario.target ? describeTarget(scenario.target) : '–',
    scenario.target ? (meets(scenario.target, result) ? 'yes' : 'NO') : '–'
  ];
}

/** One line as each scenario finishes, e.g. "list: 2,450 req/s = 0.41× baseline, …". */
export function progressLine({ scenario, result }: Measured, baseline: LoadResult): string {
  const ratio = result === baseline ? '' : ` = ${formatRatio(result.requestsPerSecond / baseline.requestsPerSecond)} baseline`;
  const failures = result.errors + result.non2xx;
  if (result.requests === 0) {
    return `${scenario.name}: no answer within ${result.durationSeconds} s (${formatCount(result.sent)} requests sent)`;
  }
  return (
    `${scenario.name}: ${formatCount(result.requestsPerSecond)} req/s${ratio}, ` +
    `p50 ${formatMs(result.latencyMs.p50)} ms, p99 ${formatMs(result.latencyMs.p99)} ms, ` +
    `${formatCount(result.requests)} requests` +
    (failures > 0 ? `, ${formatCount(result.errors)} errors, ${formatCount(result.non2xx)} non-2xx ${JSON.stringify(result.statusCodes)}` : '')
  );
}

export function describeTarget(target: Target): string {
  const p99 = target.maxP99Ms === undefined ? '' : `, p99 ≤ ${target.maxP99Ms} ms`;
  return `≥ ${formatCount(target.minRequestsPerSecond)} req/s${p99}`;
}

/** Failed requests count against a target: a fast error is no throughput. */
export function meets(target: Target, result: LoadResult): boolean {
  return (
    result.requests > 0 &&
    result.requestsPerSecond >= target.minRequestsPerSecond &&
    (target.maxP99Ms === undefined || result.latencyMs.p99 <= target.maxP99Ms) &&
    result.errors + result.non2xx === 0
  );
}

/** Everything measured for one scenario, unrounded, for the JSON file. */
export function rawScenario({ scenario, result }: Measured, baseline: LoadResult) {
  return {
    name: scenario.name,
    summary: scenario.summary,
    target: scenario.target
      ? { ...scenario.target, text: describeTarget(scenario.target), met: meets(scenario.target, result) }
      : null,
    vsBaseline: {
      requestsPerSecond: result.requestsPerSecond / baseline.requestsPerSecond,
      p99: result.latencyMs.p99 / baseline.latencyMs.p99
    },
    ...result
  };
}
