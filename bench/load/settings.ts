import { randomInt } from 'node:crypto';

/** What the load suite may be told from the environment (BENCH_LOAD_*), beside the shared settings. */
export interface LoadSettings {
  /** Devices in each of the two steady runs (one instance, then two). */
  devices: number;
  /** Measured seconds of each steady run, after its ramp. */
  seconds: number;
  /** Seconds over which a run's devices sign in, staggered; nothing in them is measured but sign-in and stream opening. */
  rampSeconds: number;
  /** The knee search doubles the device count from KNEE_FIRST_STEP up to this. */
  kneeMax: number;
  /** Measured seconds of each knee step, after its ramp. */
  kneeSeconds: number;
  /** The commit-rate scenario doubles its concurrent writers from 1 up to this. */
  notifyMax: number;
  /** Measured seconds of each commit-rate level. */
  notifySeconds: number;
  /** Seeds every device's choices (think times, documents, live edits); printed so a run can be replayed. */
  seed: number;
}

// A device thinks 1–5 s between actions, so a shorter step would see some devices push not once.
const MIN_KNEE_SECONDS = 10;

/** Reads the BENCH_LOAD_* variables once; a bad value stops the suite before anything is created. */
export function readLoadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  const seconds = wholeNumber(env, 'BENCH_LOAD_SECONDS', 60);
  // The shorter phases follow BENCH_LOAD_SECONDS, so one variable makes a quick check quick:
  // 60 gives a 10 s ramp, 20 s knee steps and 5 s commit-rate levels.
  return {
    devices: wholeNumber(env, 'BENCH_LOAD_DEVICES', 200),
    seconds,
    rampSeconds: wholeNumber(env, 'BENCH_LOAD_RAMP_SECONDS', Math.min(10, Math.max(2, Math.round(seconds / 6)))),
    kneeMax: wholeNumber(env, 'BENCH_LOAD_KNEE_MAX', 1_600),
    kneeSeconds: wholeNumber(env, 'BENCH_LOAD_KNEE_SECONDS', Math.max(MIN_KNEE_SECONDS, Math.round(seconds / 3))),
    notifyMax: wholeNumber(env, 'BENCH_LOAD_NOTIFY_MAX', 64),
    notifySeconds: wholeNumber(env, 'BENCH_LOAD_NOTIFY_SECONDS', Math.max(2, Math.round(seconds / 12))),
    seed: wholeNumber(env, 'BENCH_LOAD_SEED', randomInt(1, 2 ** 31))
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number (got ${JSON.stringify(text)}).`);
  return value;
}
