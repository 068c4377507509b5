import type { Queryable } from '../../sync-server/db/database';
import { DEMO_USERS } from '../../sync-server/demo/demo-directory';
import { Random } from '../../sync-server/demo/random';
import { readSyncHead } from '../../sync-server/repositories/sync-repository';
import { formatCheckpoint } from '../../sync-server/sync/wire';
import type { SyncDocument } from '../../src/lib/domain/sync-protocol';
import type { ServerProcess } from '../lib/server-process';
import { LiveSlots, runDevice, type DevicePlan } from './device';
import { Probes, type ProbeFigures } from './probes';
import { Recorder, type RecordedFigures } from './recorder';
import { firstDocuments } from './site-documents';

/** Records each device edits: its own, so no two devices merge into one another's. */
const DOCUMENTS_PER_DEVICE = 4;
/** One device in twenty has a record's form open live at any moment. */
const LIVE_SHARE = 20;

/** Every demo member who may edit, on each site they may edit: the people whose devices are simulated. */
const EDITORS = DEMO_USERS.flatMap((user) =>
  user.memberships.filter((membership) => membership.role !== 'viewer').map((membership) => ({ email: user.email, siteId: membership.siteId }))
);

export interface FleetOptions {
  /** Devices are spread over the instances, as a load balancer would spread them. */
  servers: ServerProcess[];
  db: Queryable;
  databaseUrl: string;
  devices: number;
  rampSeconds: number;
  seconds: number;
  seed: number;
}

export interface FleetFigures extends RecordedFigures {
  devices: number;
  instances: number;
  liveSlots: number;
  probes: ProbeFigures;
}

/**
 * The most devices the seeded sites have records for, DOCUMENTS_PER_DEVICE each, with devices dealt
 * to the editors in turn: a larger fleet could not be planned.
 */
export async function fleetCapacity(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ siteId: string; count: number }>(
    'SELECT site_id AS "siteId", count(*)::int AS count FROM interactions WHERE NOT deleted GROUP BY site_id'
  );
  const records = new Map(rows.map((row) => [row.siteId, row.count]));
  const needed = new Map<string, number>();
  for (let devices = 0; ; devices++) {
    const { siteId } = EDITORS[devices % EDITORS.length];
    const count = (needed.get(siteId) ?? 0) + DOCUMENTS_PER_DEVICE;
    if (count > (records.get(siteId) ?? 0)) return devices;
    needed.set(siteId, count);
  }
}

/**
 * `devices` simulated devices against the instances: each signs in at a random moment of the ramp
 * and works until the end of the measured window that follows it. Resolves once every device has
 * finished what it was doing and closed its connections.
 */
export async function runFleet(options: FleetOptions): Promise<FleetFigures> {
  const plans = await planDevices(options);
  const liveSlots = Math.max(1, Math.round(options.devices / LIVE_SHARE));
  const slots = new LiveSlots(liveSlots);
  const began = performance.now();
  const window = { start: began + options.rampSeconds * 1000, end: began + (options.rampSeconds + options.seconds) * 1000 };
  const recorder = new Recorder(window);
  const probes = await Probes.start({ pids: options.servers.map((server) => server.pid), databaseUrl: options.databaseUrl });
  let probeFigures: ProbeFigures | undefined;
  try {
    await Promise.all(
      plans.map((plan, index) => {
        const random = new Random(options.seed + index);
        const startAt = began + random.next() * options.rampSeconds * 1000;
        return runDevice(plan, { recorder, random, liveSlots: slots, startAt, deadline: window.end });
      })
    );
  } finally {
    probeFigures = await probes.stop();
  }
  return { devices: options.devices, instances: options.servers.length, liveSlots, probes: probeFigures, ...recorder.summary() };
}

/**
 * Each device as the app leaves it after its first sync: signed in as an editor of its site, its
 * checkpoint at the site's head, its records as the server holds them (see firstDocuments).
 */
async function planDevices(options: FleetOptions): Promise<DevicePlan[]> {
  const editors = Array.from({ length: options.devices }, (_, index) => EDITORS[index % EDITORS.length]);
  const sites = [...new Set(editors.map((editor) => editor.siteId))];
  const documents = new Map<string, SyncDocument[]>();
  const checkpoints = new Map<string, string>();
  const url = options.servers[0].url;
  for (const siteId of sites) {
    const needed = editors.filter((editor) => editor.siteId === siteId).length * DOCUMENTS_PER_DEVICE;
    const member = EDITORS.find((editor) => editor.siteId === siteId)?.email ?? '';
    documents.set(siteId, await firstDocuments({ url, email: member, siteId, count: needed }));
    checkpoints.set(siteId, formatCheckpoint(await readSyncHead(options.db, siteId)));
  }
  return editors.map((editor, index) => {
    // By rounds of the editor list, so that every site has devices on every instance and each
    // change reaches streams on the others through NOTIFY.
    const server = options.servers[Math.floor(index / EDITORS.length) % options.servers.length];
    const siteDocuments = documents.get(editor.siteId) ?? [];
    const own = siteDocuments.splice(0, DOCUMENTS_PER_DEVICE);
    return { serverUrl: server.url, email: editor.email, siteId: editor.siteId, documents: own, checkpoint: checkpoints.get(editor.siteId) ?? '' };
  });
}
