import { formatCount, type Column } from '../lib/table';
import type { FleetFigures } from './fleet';
import { KNEE_P99_MS, type KneeFigures } from './knee';
import { flattening, NEAR_BEST, type NotifyRateFigures } from './notify-rate';
import { ONE_OFF_KINDS, RECURRING_KINDS, worstRecurringP99, type ErrorKind, type TimedKind } from './recorder';
import type { RateFigures } from './writers';

export const STEADY_COLUMNS: Column[] = [
  { header: 'instances' },
  { header: 'what' },
  { header: 'count', align: 'right' },
  { header: 'per s', align: 'right' },
  { header: 'p50 ms', align: 'right' },
  { header: 'p95 ms', align: 'right' },
  { header: 'p99 ms', align: 'right' },
  { header: 'max ms', align: 'right' },
  { header: 'errors', align: 'right' }
];

/** Errors of the socket a timed kind opens are shown beside it: a stream that dropped, a room that closed. */
const ERRORS_SHOWN_WITH: Partial<Record<TimedKind, ErrorKind>> = { 'stream-open': 'stream', 'live-open': 'live' };

/** One row per kind of request, then what was counted; the latency of one-off kinds covers the ramp too. */
export function steadyRows(figures: FleetFigures): string[][] {
  const label = `${figures.instances} (${figures.devices} devices)`;
  const rows = [...RECURRING_KINDS, ...ONE_OFF_KINDS].map((kind) => {
    const latency = figures.latency[kind];
    const also = ERRORS_SHOWN_WITH[kind];
    const errors = (figures.errorsByKind[kind] ?? 0) + (also ? (figures.errorsByKind[also] ?? 0) : 0);
    if (!latency) return [label, kind, '0', '', '', '', '', '', String(errors)];
    return [
      label,
      (ONE_OFF_KINDS as readonly string[]).includes(kind) ? `${kind} (whole run)` : kind,
      formatCount(latency.count),
      latency.perSecond === undefined ? '' : latency.perSecond.toFixed(1),
      ms(latency.p50),
      ms(latency.p95),
      ms(latency.p99),
      ms(latency.max),
      String(errors)
    ];
  });
  for (const [kind, counted] of Object.entries(figures.counts)) {
    rows.push([label, kind, formatCount(counted.total), counted.perSecond.toFixed(1), '', '', '', '', '']);
  }
  return rows;
}

/** What the latencies cannot show: memory, connections, the load generator's own delay, errors. */
export function fleetFacts(name: string, figures: FleetFigures): [string, string][] {
  const { probes } = figures;
  return [
    [`${name}: server RSS (max per instance)`, probes.rssMaxBytes.map(megabytes).join(', ')],
    [
      `${name}: CPU, share of one core (whole run)`,
      `servers ${probes.cpuShare.map(percent).join(', ')}; load generator ${percent(probes.generatorCpuShare)}`
    ],
    [`${name}: server output (per instance, whole run)`, probes.writtenBytesPerSecond.map(megabytesPerSecond).join(', ')],
    [
      `${name}: Postgres connections`,
      `max ${probes.postgresConnections.max}, mean ${probes.postgresConnections.mean.toFixed(1)} over ${probes.postgresConnections.samples} samples`
    ],
    [`${name}: load generator event-loop delay p99`, `${probes.generatorDelayP99Ms.toFixed(1)} ms`],
    [`${name}: load average as it ended`, figures.probes.loadAverage.toFixed(2)],
    [`${name}: errors`, figures.errors === 0 ? '0' : `${figures.errors} (${figures.errorExamples.join(' | ')})`]
  ];
}

export function fleetLine(figures: FleetFigures): string {
  const requests = RECURRING_KINDS.reduce((sum, kind) => sum + (figures.latency[kind]?.perSecond ?? 0), 0);
  return (
    `${figures.devices} devices on ${figures.instances} instance(s): ${requests.toFixed(1)} requests/s, ` +
    `worst p99 ${ms(worstRecurringP99(figures))} ms, ${figures.errors} errors, server CPU ${figures.probes.cpuShare.map(percent).join(' + ')}, RSS ${figures.probes.rssMaxBytes.map(megabytes).join(' + ')}, ` +
    `≤ ${figures.probes.postgresConnections.max} Postgres connections, generator delay p99 ${figures.probes.generatorDelayP99Ms.toFixed(1)} ms`
  );
}

export const KNEE_COLUMNS: Column[] = [
  { header: 'devices', align: 'right' },
  { header: 'req/s', align: 'right' },
  { header: 'pull p99', align: 'right' },
  { header: 'push p99', align: 'right' },
  { header: 'live-open p99', align: 'right' },
  { header: 'errors', align: 'right' },
  { header: 'server CPU', align: 'right' },
  { header: 'RSS', align: 'right' },
  { header: 'output', align: 'right' },
  { header: 'PG conns', align: 'right' },
  { header: 'generator CPU', align: 'right' },
  { header: 'generator delay p99', align: 'right' },
  { header: 'load avg', align: 'right' }
];

export function kneeRows(knee: KneeFigures): string[][] {
  return knee.steps.map((step) => [
    String(step.devices),
    RECURRING_KINDS.reduce((sum, kind) => sum + (step.latency[kind]?.perSecond ?? 0), 0).toFixed(1),
    ...RECURRING_KINDS.map((kind) => {
      const latency = step.latency[kind];
      return latency ? `${ms(latency.p99)} ms` : '–';
    }),
    String(step.errors),
    percent(step.probes.cpuShare[0]),
    megabytes(step.probes.rssMaxBytes[0]),
    megabytesPerSecond(step.probes.writtenBytesPerSecond[0]),
    String(step.probes.postgresConnections.max),
    percent(step.probes.generatorCpuShare),
    `${step.probes.generatorDelayP99Ms.toFixed(1)} ms`,
    step.probes.loadAverage.toFixed(2)
  ]);
}

export function kneeVerdict(knee: KneeFigures): string {
  const last = knee.steps.at(-1)?.devices ?? 0;
  return knee.kneeDevices === undefined
    ? `not reached up to ${last} devices (worst p99 of pull, push and live-open stayed ≤ ${KNEE_P99_MS} ms)`
    : `${knee.kneeDevices} devices: the first step whose worst p99 of pull, push and live-open passed ${KNEE_P99_MS} ms`;
}

/** Pushes within this share of the notifying SQL commits' best rate are held by NOTIFY, not the server. */
const CEILING_SHARE = 0.8;

export const NOTIFY_COLUMNS: Column[] = [
  { header: 'writers', align: 'right' },
  { header: 'pushes/s (1 doc)', align: 'right' },
  { header: 'push p50/p99 ms', align: 'right' },
  { header: 'SQL commits/s + NOTIFY', align: 'right' },
  { header: 'p50/p99 ms', align: 'right' },
  { header: 'SQL commits/s, no NOTIFY', align: 'right' },
  { header: 'p50/p99 ms', align: 'right' },
  { header: 'NOTIFY / none', align: 'right' }
];

export function notifyRows(figures: NotifyRateFigures): string[][] {
  return figures.pushes.map((pushes, index) => {
    const withNotify = figures.sqlWithNotify[index];
    const without = figures.sqlWithoutNotify[index];
    return [
      String(pushes.writers),
      rate(pushes),
      spread(pushes),
      rate(withNotify),
      spread(withNotify),
      rate(without),
      spread(without),
      `${(withNotify.perSecond / without.perSecond).toFixed(2)}×`
    ];
  });
}

/** Where each series stops gaining from more writers. */
export function notifyVerdict(figures: NotifyRateFigures): [string, string][] {
  const describe = (series: RateFigures[], unit: string) => {
    const flat = flattening(series);
    const best = Math.max(...series.map((level) => level.perSecond));
    return flat
      ? `flattens from ${flat.writers} writers at ${formatCount(flat.perSecond)} ${unit}, within ${Math.round((1 - NEAR_BEST) * 100)}% of its best (${formatCount(best)})`
      : `still rising at ${series.at(-1)?.writers} writers (${formatCount(best)} ${unit})`;
  };
  const errors = [...figures.pushes, ...figures.sqlWithNotify, ...figures.sqlWithoutNotify].reduce((sum, level) => sum + level.errors, 0);
  return [
    ['NOTIFY rate: pushes through the server', `${describe(figures.pushes, 'pushes/s')}; ${figures.conflicts} answered as conflicts`],
    ['NOTIFY rate: SQL commits with NOTIFY', describe(figures.sqlWithNotify, 'commits/s')],
    ['NOTIFY rate: SQL commits without NOTIFY', describe(figures.sqlWithoutNotify, 'commits/s')],
    ['NOTIFY rate: what binds first', bindsFirst(figures)],
    ['NOTIFY rate: errors', String(errors)]
  ];
}

/**
 * Pushes reach the NOTIFY ceiling only if the server's own work (HTTP, merge, validation) costs less
 * than the ceiling allows; the share says which limit a deployment meets first on this machine.
 */
function bindsFirst(figures: NotifyRateFigures): string {
  const best = (series: RateFigures[]) => Math.max(...series.map((level) => level.perSecond));
  const share = best(figures.pushes) / best(figures.sqlWithNotify);
  return share < CEILING_SHARE
    ? `the server: its best push rate is ${Math.round(share * 100)}% of the best notifying commit rate`
    : `NOTIFY: the best push rate is ${Math.round(share * 100)}% of the best notifying commit rate`;
}

function rate(figures: RateFigures): string {
  return formatCount(figures.perSecond) + (figures.errors > 0 ? ` (${figures.errors} errors)` : '');
}

function spread(figures: RateFigures): string {
  return `${ms(figures.p50Ms)} / ${ms(figures.p99Ms)}`;
}

/** Whole milliseconds from 10 up; a decimal below, where a millisecond is a large share. */
function ms(value: number): string {
  return value >= 10 ? formatCount(value) : value.toFixed(1);
}

function megabytes(bytes: number): string {
  return `${formatCount(bytes / 1e6)} MB`;
}

function megabytesPerSecond(bytes: number): string {
  const megabytes = bytes / 1e6;
  return `${megabytes >= 10 ? formatCount(megabytes) : megabytes.toFixed(1)} MB/s`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
