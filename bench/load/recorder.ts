/**
 * What simulated devices do, as it happens. Pulls, pushes and live edits recur all run long and are
 * measured in the window after the ramp; sign-in and opening the stream happen once per device,
 * almost all during the ramp, so they are measured over the whole run.
 */
export const RECURRING_KINDS = ['pull', 'push', 'live-open'] as const;
export const ONE_OFF_KINDS = ['sign-in', 'stream-open'] as const;
export type TimedKind = (typeof RECURRING_KINDS)[number] | (typeof ONE_OFF_KINDS)[number];
/** Things counted without a latency of their own: documents pushed, keystrokes sent, conflicts answered. */
export type CountedKind = 'documents pushed' | 'keystrokes' | 'conflicts';
export type ErrorKind = TimedKind | 'stream' | 'live';

export interface LatencySummary {
  count: number;
  /** Per second of the measured window; undefined for one-off kinds. */
  perSecond?: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RecordedFigures {
  windowSeconds: number;
  latency: Partial<Record<TimedKind, LatencySummary>>;
  counts: Partial<Record<CountedKind, { total: number; perSecond: number }>>;
  errors: number;
  errorsByKind: Partial<Record<ErrorKind, number>>;
  /** The first few error messages, enough to see what went wrong without a log of thousands. */
  errorExamples: string[];
}

// Longer than any answer a working server gives under this load; past it the request counts as an error.
const ACTION_TIMEOUT_MS = 10_000;
const ERROR_EXAMPLES = 5;

export class Recorder {
  readonly #samples = new Map<TimedKind, { at: number; ms: number }[]>();
  readonly #counts = new Map<CountedKind, number>();
  readonly #errors = new Map<ErrorKind, number>();
  readonly #examples: string[] = [];
  readonly #window: { start: number; end: number };

  /** `window`: performance.now() times between which recurring kinds are measured. */
  constructor(window: { start: number; end: number }) {
    this.#window = window;
  }

  inWindow(at = performance.now()): boolean {
    return at >= this.#window.start && at < this.#window.end;
  }

  /** Runs `action`, recording its latency, or an error when it throws or outlasts ACTION_TIMEOUT_MS. */
  async time<T>(kind: TimedKind, action: () => Promise<T>): Promise<T | undefined> {
    const at = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ACTION_TIMEOUT_MS / 1000} s`)), ACTION_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([action(), timeout]);
      const samples = this.#samples.get(kind) ?? [];
      samples.push({ at, ms: performance.now() - at });
      this.#samples.set(kind, samples);
      return result;
    } catch (error) {
      this.error(kind, error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Counts `amount` of `kind` when it happens inside the measured window. */
  count(kind: CountedKind, amount = 1): void {
    if (this.inWindow()) this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + amount);
  }

  /** Every error counts, whenever it happens: the target is none at all. */
  error(kind: ErrorKind, error: unknown): void {
    this.#errors.set(kind, (this.#errors.get(kind) ?? 0) + 1);
    if (this.#examples.length < ERROR_EXAMPLES) this.#examples.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
  }

  summary(): RecordedFigures {
    const windowSeconds = (this.#window.end - this.#window.start) / 1000;
    const latency: RecordedFigures['latency'] = {};
    for (const kind of RECURRING_KINDS) {
      const samples = (this.#samples.get(kind) ?? []).filter((sample) => this.inWindow(sample.at)).map((sample) => sample.ms);
      if (samples.length > 0) latency[kind] = { ...summarise(samples), perSecond: samples.length / windowSeconds };
    }
    for (const kind of ONE_OFF_KINDS) {
      const samples = (this.#samples.get(kind) ?? []).map((sample) => sample.ms);
      if (samples.length > 0) latency[kind] = summarise(samples);
    }
    const counts: RecordedFigures['counts'] = {};
    for (const [kind, total] of this.#counts) counts[kind] = { total, perSecond: total / windowSeconds };
    return {
      windowSeconds,
      latency,
      counts,
      errors: [...this.#errors.values()].reduce((sum, count) => sum + count, 0),
      errorsByKind: Object.fromEntries(this.#errors),
      errorExamples: [...this.#examples]
    };
  }
}

/** Nearest-rank percentiles of samples in milliseconds; at least one sample. */
export function summarise(samples: number[]): Omit<LatencySummary, 'perSecond'> {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted[sorted.length - 1] };
}

/** The worst p99 among the recurring kinds: what the knee is judged by. */
export function worstRecurringP99(figures: RecordedFigures): number {
  return Math.max(0, ...RECURRING_KINDS.map((kind) => figures.latency[kind]?.p99 ?? 0));
}
