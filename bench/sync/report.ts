import { formatCount, formatMs, formatRatio, type Column } from '../lib/table';
import { IDLE_STREAMS, type IdleFigures } from './idle';
import { LIVE_ROUNDS, LIVE_STREAMS, type LiveFigures } from './live';
import type { Throughput } from './measure';
import { PULLERS, PULL_LIMIT, type PullFigures } from './pull';
import { PUSHERS, PUSH_BATCH, type PushFigures } from './push';

/** Targets from issue 5's "Benchmark" section. */
export const TARGETS = {
  pullDocumentsPerSecond: 20_000,
  pushDocumentsPerSecond: 3_000,
  liveP95Ms: 100,
  idleRssBytes: 300_000_000
};

export interface SyncFigures {
  pull: PullFigures;
  push: PushFigures;
  live: LiveFigures;
  idle: IdleFigures;
}

export const COLUMNS: Column[] = [
  { header: 'scenario' },
  { header: 'figure', align: 'right' },
  { header: 'baseline' },
  { header: 'baseline figure', align: 'right' },
  { header: 'vs baseline', align: 'right' },
  { header: 'target' },
  { header: 'met' }
];

export function tableRows({ pull, push, live, idle }: SyncFigures): string[][] {
  return [
    [
      `pull, ${PULLERS} clients paging by ${PULL_LIMIT}`,
      rate(pull.pull),
      'first page from memory, same auth and serializer',
      rate(pull.baseline),
      formatRatio(pull.pull.documentsPerSecond / pull.baseline.documentsPerSecond),
      `≥ ${formatCount(TARGETS.pullDocumentsPerSecond)} docs/s`,
      met(pull.pull.documentsPerSecond >= TARGETS.pullDocumentsPerSecond)
    ],
    [
      `push with merge, ${PUSHERS} clients × ${PUSH_BATCH}/batch`,
      rate(push.push),
      `SQL multi-row UPDATE by ${PUSH_BATCH}, ${PUSHERS} connections`,
      rate(push.baseline),
      formatRatio(push.push.documentsPerSecond / push.baseline.documentsPerSecond),
      `≥ ${formatCount(TARGETS.pushDocumentsPerSecond)} docs/s`,
      met(push.push.documentsPerSecond >= TARGETS.pushDocumentsPerSecond && push.refused === 0)
    ],
    [
      `live, ${LIVE_STREAMS} streams × ${LIVE_ROUNDS} pushes (p50/p95/max)`,
      spread(live.receipt),
      `GET /api/health by ${LIVE_STREAMS} clients at once`,
      spread(live.baseline),
      `p95 ${formatRatio(live.receipt.p95 / live.baseline.p95)}`,
      `p95 ≤ ${TARGETS.liveP95Ms} ms`,
      met(live.receipt.p95 <= TARGETS.liveP95Ms && live.missed === 0)
    ],
    [
      `idle, ${formatCount(IDLE_STREAMS)} streams: server RSS`,
      megabytes(idle.rssAfter),
      'the same fresh process before they connected',
      megabytes(idle.rssBefore),
      formatRatio(idle.rssAfter / idle.rssBefore),
      `≤ ${megabytes(TARGETS.idleRssBytes)}`,
      met(idle.rssAfter <= TARGETS.idleRssBytes && idle.open === IDLE_STREAMS)
    ]
  ];
}

export function pullLine({ pull, baseline }: PullFigures): string {
  return `pull: ${throughputLine(pull)}; baseline ${throughputLine(baseline)}`;
}

export function pushLine(figures: PushFigures): string {
  return (
    `push: ${throughputLine(figures.push)}, ${figures.conflicts} conflicts, ${figures.refused} refused ` +
    `(edits built in ${figures.prepareSeconds.toFixed(1)} s beforehand); baseline ${throughputLine(figures.baseline)}`
  );
}

export function liveLine(live: LiveFigures): string {
  return (
    `live: push sent → received ${spread(live.receipt)}, ${live.missed} missed; ` +
    `push round trip ${spread(live.push)}; baseline ${spread(live.baseline)}`
  );
}

export function idleLine(idle: IdleFigures): string {
  const perStream = (idle.rssAfter - idle.rssBefore) / IDLE_STREAMS / 1024;
  return (
    `idle: RSS ${megabytes(idle.rssBefore)} → ${megabytes(idle.rssAfter)} with ${formatCount(idle.open)} ` +
    `of ${formatCount(IDLE_STREAMS)} streams open (${perStream.toFixed(1)} KiB each)`
  );
}

function throughputLine(figures: Throughput): string {
  return (
    `${rate(figures)}, ${formatCount(figures.documents)} docs in ${figures.seconds.toFixed(1)} s, ` +
    `${formatCount(figures.requests)} requests, p50 ${formatMs(figures.latencyMs.p50)} ms, p95 ${formatMs(figures.latencyMs.p95)} ms`
  );
}

function rate(figures: Throughput): string {
  return `${formatCount(figures.documentsPerSecond)} docs/s`;
}

function spread({ p50, p95, max }: { p50: number; p95: number; max: number }): string {
  return `${p50.toFixed(1)} / ${p95.toFixed(1)} / ${max.toFixed(1)} ms`;
}

function megabytes(bytes: number): string {
  return `${formatCount(bytes / 1e6)} MB`;
}

function met(ok: boolean): string {
  return ok ? 'yes' : 'NO';
}
