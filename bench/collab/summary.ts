import { formatCount, formatRatio, type Column } from '../lib/table';
import type { RunFigures } from './head-to-head';
import type { IdleMemory } from './idle-memory';
import type { ServerName } from './servers';
import { UPDATES, type WorkloadFigures } from './workload';

/** The target against Hocuspocus, which must hold in every run. */
const MIN_THROUGHPUT_RATIO = 1.0;
const MAX_P95_RATIO = 1.0;

export const COLUMNS: Column[] = [
  { header: 'median over runs' },
  { header: 'ours', align: 'right' },
  { header: 'Hocuspocus', align: 'right' },
  { header: 'ours / Hocuspocus', align: 'right' },
  { header: 'y-websocket', align: 'right' },
  { header: 'ours / y-websocket', align: 'right' },
  { header: 'target' }
];

export function throughputRatio(run: RunFigures): number {
  return run.workloads.ours.updatesPerSecond / run.workloads.hocuspocus.updatesPerSecond;
}

export function p95Ratio(run: RunFigures): number {
  return run.workloads.ours.p95Ms / run.workloads.hocuspocus.p95Ms;
}

export function targetHeld(run: RunFigures): boolean {
  return throughputRatio(run) >= MIN_THROUGHPUT_RATIO && p95Ratio(run) <= MAX_P95_RATIO;
}

/** One run against Hocuspocus, in a line: both figures, their ratios, whether the target held, the load. */
export function runLine(run: RunFigures): string {
  const { ours, hocuspocus } = run.workloads;
  return (
    `${formatCount(ours.updatesPerSecond)} vs ${formatCount(hocuspocus.updatesPerSecond)} updates/s (${formatRatio(throughputRatio(run))}), ` +
    `p95 ${ours.p95Ms.toFixed(1)} vs ${hocuspocus.p95Ms.toFixed(1)} ms (${formatRatio(p95Ratio(run))}): ` +
    `${targetHeld(run) ? 'held' : 'MISSED'}; load ${run.loadAverage.toFixed(2)}`
  );
}

/** The figures of every run, as medians per server, beside both peers and the targets. */
export function summaryRows(runs: RunFigures[]): string[][] {
  const workload = (pick: (figures: WorkloadFigures) => number) => (name: ServerName) => median(runs.map((run) => pick(run.workloads[name])));
  const idle = (pick: (figures: IdleMemory) => number) => (name: ServerName) => median(runs.map((run) => pick(run.idle[name])));
  const row = (scenario: string, of: (name: ServerName) => number, format: (value: number) => string, target = '') => {
    const [ours, hocuspocus, yWebsocket] = [of('ours'), of('hocuspocus'), of('yWebsocket')];
    return [scenario, format(ours), format(hocuspocus), formatRatio(ours / hocuspocus), format(yWebsocket), formatRatio(ours / yWebsocket), target];
  };
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => value.toFixed(1);
  return [
    row('throughput (updates/s to all)', workload((figures) => figures.updatesPerSecond), formatCount, `≥ ${MIN_THROUGHPUT_RATIO.toFixed(2)}× Hocuspocus`),
    row('latency p95 (ms)', workload((figures) => figures.p95Ms), ms, `≤ ${MAX_P95_RATIO.toFixed(2)}× Hocuspocus`),
    row('latency p50 (ms)', workload((figures) => figures.p50Ms), ms),
    row('server CPU per update (ms)', workload((figures) => (figures.serverCpuSeconds * 1000) / UPDATES), (value) => value.toFixed(2)),
    row('RSS per idle room', idle((figures) => figures.perRoomBytes), kb),
    row('RSS per idle client', idle((figures) => figures.perClientBytes), kb),
    row('JS heap per idle room', idle((figures) => figures.heapPerRoomBytes), kb),
    row('JS heap per idle client', idle((figures) => figures.heapPerClientBytes), kb)
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
