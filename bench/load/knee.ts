import type { Queryable } from '../../sync-server/db/database';
import { waitUntilIdle } from '../lib/load';
import type { ServerProcess } from '../lib/server-process';
import { runFleet, type FleetFigures } from './fleet';
import { worstRecurringP99 } from './recorder';

const FIRST_STEP = 50;
/** The knee: the device count at which the worst p99 of pulls, pushes and live opens passes this. */
export const KNEE_P99_MS = 500;

export interface KneeFigures {
  steps: FleetFigures[];
  /** The first device count whose worst p99 passed KNEE_P99_MS; undefined when none did up to the maximum. */
  kneeDevices?: number;
}

/**
 * Doubles the devices on one instance from FIRST_STEP up to `maxDevices`, one short run each, and
 * stops at the first step past KNEE_P99_MS. Bounded in time by the steps: at most
 * log2(maxDevices / FIRST_STEP) + 1 runs of ramp plus measured seconds.
 */
export async function findKnee(options: {
  server: ServerProcess;
  db: Queryable;
  databaseUrl: string;
  maxDevices: number;
  rampSeconds: number;
  seconds: number;
  seed: number;
  log: (line: string) => void;
}): Promise<KneeFigures> {
  const steps: FleetFigures[] = [];
  for (const devices of deviceSteps(options.maxDevices)) {
    // What the last step left running (a room's last write, a slow query) must not eat into this one.
    await waitUntilIdle(options.server.url);
    const figures = await runFleet({ ...options, servers: [options.server], devices });
    steps.push(figures);
    const p99 = worstRecurringP99(figures);
    options.log(`  ${devices} devices: worst p99 ${Math.round(p99)} ms, ${figures.errors} errors`);
    if (p99 > KNEE_P99_MS) return { steps, kneeDevices: devices };
  }
  return { steps };
}

function deviceSteps(max: number): number[] {
  const steps: number[] = [];
  for (let devices = Math.min(FIRST_STEP, max); devices < max; devices *= 2) steps.push(devices);
  steps.push(max);
  return steps;
}
