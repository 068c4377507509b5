import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { SourceResolver } from './source-maps';

/** The parts of a DevTools CPU profile (Profiler.Profile) this file reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Milliseconds of samples spent in one place, its own code only (not what it called). */
export interface SelfTime {
  where: string;
  ms: number;
}

// Sampled every 100 µs: an open of a few hundred milliseconds gets thousands of samples.
const SAMPLING_INTERVAL_US = 100;

/** Records Chromium's CPU profile of the page while `run` runs, and saves it for DevTools to open. */
export async function recordCpuProfile(options: {
  context: BrowserContext;
  page: Page;
  file: string;
  run: () => Promise<void>;
}): Promise<CpuProfile> {
  const cdp = await options.context.newCDPSession(options.page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Profiler.start');
    await options.run();
    const { profile } = await cdp.send('Profiler.stop');
    await mkdir(dirname(options.file), { recursive: true });
    await writeFile(options.file, JSON.stringify(profile));
    return profile as CpuProfile;
  } finally {
    await cdp.detach();
  }
}

/** The paths of the scripts a profile sampled, for finding their source maps. */
export function profiledScripts(profile: CpuProfile): string[] {
  return [...new Set(profile.nodes.map((node) => node.callFrame.url).filter(Boolean).map((url) => new URL(url).pathname))];
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/**
 * Where a sampled frame ran: its function and position, and its file. With a resolver that knows
 * the script, the source's rather than the minified chunk's (`mapped`); `app` marks the app's own code.
 */
function describeFrame(frame: CallFrame, resolve?: SourceResolver): { where: string; file: string; mapped: boolean; app: boolean } {
  const script = frame.url ? new URL(frame.url).pathname : `(${frame.functionName || 'native'})`;
  const source = frame.url ? resolve?.(script, frame.lineNumber, frame.columnNumber) : undefined;
  if (!source) {
    const where = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    return { where, file: script, mapped: false, app: false };
  }
  const where = `${source.name ?? (frame.functionName || '(anonymous)')} ${source.source}:${source.line}`;
  return { where, file: source.source, mapped: true, app: source.source.startsWith('src/') };
}

function addTo(totals: Map<string, number>, key: string, ms: number): void {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

function largestFirst(totals: Map<string, number>): SelfTime[] {
  return [...totals].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

/** One printed line of a self-time list. */
export function selfTimeLine({ where, ms }: SelfTime): string {
  return `    ${ms.toFixed(1).padStart(8)} ms  ${where}`;
}

/**
 * Self time by function (name and source position) and by file, largest first. With a resolver,
 * positions and files are the sources' rather than the minified chunks'.
 */
export function selfTimes(profile: CpuProfile, resolve?: SourceResolver): { byFunction: SelfTime[]; byScript: SelfTime[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = nodes.get(id);
    // A sample's delta is the time since the one before, so the time of sample i is delta i + 1.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (!frame) return;
    const { where, file } = describeFrame(frame, resolve);
    addTo(byFunction, where, ms);
    addTo(byScript, file, ms);
  });
  return { byFunction: largestFirst(byFunction), byScript: largestFirst(byScript) };
}

/** A stretch of the main thread busy without a break: how long input would have waited. */
export interface BusyStretch {
  /** Milliseconds after the profile started. */
  startMs: number;
  ms: number;
  /** Where its time went, by the innermost function of the app's own code on the stack. */
  byAppFunction: SelfTime[];
}

/**
 * The stretches of at least `minMs` in which every sample was busy (no idle sample between), each
 * with its time by the innermost app function on the stack (`src/…`), so a library's time is
 * charged to the app code that called it; with no app code on the stack (a library's own timer or
 * event), to the innermost frame whose source is known. Needs a resolver to tell the app's code apart.
 */
export function busyStretches(profile: CpuProfile, resolve: SourceResolver, minMs: number): BusyStretch[] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const chargedTo = new Map<number, string>();
  const charge = (id: number): string => {
    let label = chargedTo.get(id);
    if (label) return label;
    let innermostKnown: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !label; at = parents.get(at)) {
      const frame = frames.get(at);
      if (!frame) continue;
      const described = describeFrame(frame, resolve);
      if (described.app) label = described.where;
      else if (described.mapped) innermostKnown ??= described.where;
    }
    label ??= innermostKnown ?? `(${frames.get(id)?.functionName || 'native'})`;
    chargedTo.set(id, label);
    return label;
  };

  const stretches: BusyStretch[] = [];
  let current: { startMs: number; ms: number; totals: Map<string, number> } | undefined;
  let elapsed = 0;
  const close = () => {
    if (current && current.ms >= minMs) stretches.push({ startMs: current.startMs, ms: current.ms, byAppFunction: largestFirst(current.totals) });
    current = undefined;
  };
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    elapsed += (deltas[i] ?? 0) / 1000;
    if (frames.get(id)?.functionName === '(idle)') return close();
    current ??= { startMs: elapsed, ms: 0, totals: new Map() };
    current.ms += ms;
    addTo(current.totals, charge(id), ms);
  });
  close();
  return stretches;
}
