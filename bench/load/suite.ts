import { loadavg } from 'node:os';
import { openDatabase } from '../../sync-server/db/open-database';
import { provisionDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import { startServerProcess, type ServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount, formatTable } from '../lib/table';
import { fleetCapacity, runFleet } from './fleet';
import { findKnee } from './knee';
import { measureNotifyRate } from './notify-rate';
import {
  fleetFacts,
  fleetLine,
  KNEE_COLUMNS,
  kneeRows,
  kneeVerdict,
  NOTIFY_COLUMNS,
  notifyRows,
  notifyVerdict,
  STEADY_COLUMNS,
  steadyRows
} from './report';
import { readLoadSettings } from './settings';

/**
 * Simulated devices doing what the app does (sign in, hold the event stream, pull, push, now and
 * then a live edit), against real server processes on one Postgres: BENCH_LOAD_DEVICES devices on
 * one instance, then the same split over two; the device count at which p99 passes 500 ms; and the
 * commit rate at which NOTIFY-per-commit stops scaling. Each scenario starts fresh instances.
 */
export const loadSuite: BenchSuite = {
  name: 'load',
  summary: 'simulated devices (pull, push, event stream, live edits) on one and two instances, the knee, and the NOTIFY commit rate',
  async run({ settings, cleanup, workDir, log }) {
    const load = readLoadSettings();
    log(`BENCH_LOAD_SEED=${load.seed} replays the devices' choices`);
    const database = await provisionDatabase({ settings, dataDir: workDir, cleanup });
    log(`database: ${database.description}`);
    const databaseUrl = database.kind === 'postgres' ? database.settings.databaseUrl : undefined;
    if (!databaseUrl) {
      // Two instances need a database two processes can share, and the connection figures are Postgres's.
      log('skipped: the load suite measures Postgres only');
      return { facts: [['skipped', database.description]], table: { columns: STEADY_COLUMNS, rows: [] }, raw: { skipped: database.description } };
    }
    const seed = await seedDatabase({ database, interactions: settings.interactions, log });
    const db = await openDatabase(database.settings);
    cleanup.add('close the suite’s database pool', () => db.close());
    const capacity = await fleetCapacity(db);
    if (load.devices > capacity) {
      throw new Error(`BENCH_LOAD_DEVICES=${load.devices}: the seeded sites hold records for ${capacity} devices; raise BENCH_INTERACTIONS`);
    }
    const kneeMax = Math.min(load.kneeMax, capacity);
    if (kneeMax < load.kneeMax) log(`knee capped at ${kneeMax} devices: the seeded sites hold records for no more (raise BENCH_INTERACTIONS)`);
    const startInstance = async (label: string): Promise<ServerProcess> => {
      const server = await startServerProcess({ env: { DATABASE_URL: databaseUrl, DATA_DIR: workDir } });
      cleanup.add(`stop ${label}`, server.stop);
      log(`${label} on ${server.url} (pid ${server.pid})`);
      return server;
    };
    const fleet = { db, databaseUrl, devices: load.devices, rampSeconds: load.rampSeconds, seconds: load.seconds, seed: load.seed };

    log(`one instance, ${load.devices} devices, ${load.rampSeconds} s ramp + ${load.seconds} s measured…`);
    const single = await startInstance('instance 1');
    const one = await runFleet({ ...fleet, servers: [single] });
    await single.stop();
    log(fleetLine(one));

    log(`two instances, ${load.devices} devices split between them…`);
    const pair = await Promise.all([startInstance('instance 2a'), startInstance('instance 2b')]);
    const two = await runFleet({ ...fleet, servers: pair });
    await Promise.all(pair.map((server) => server.stop()));
    log(fleetLine(two));

    log(`knee: devices doubling from 50 to ${kneeMax} on one instance, ${load.rampSeconds} s ramp + ${load.kneeSeconds} s each…`);
    const kneeServer = await startInstance('knee instance');
    const knee = await findKnee({ ...fleet, server: kneeServer, maxDevices: kneeMax, seconds: load.kneeSeconds, log });
    log(`\n${formatTable(KNEE_COLUMNS, kneeRows(knee))}\n`);

    log(`NOTIFY rate: writers doubling from 1 to ${load.notifyMax}, ${load.notifySeconds} s each, on the knee instance…`);
    const notify = await measureNotifyRate({ serverUrl: kneeServer.url, databaseUrl, maxWriters: load.notifyMax, seconds: load.notifySeconds, log });
    log(`\n${formatTable(NOTIFY_COLUMNS, notifyRows(notify))}\n`);

    return {
      facts: [
        ['database', database.description],
        ['interactions', `${formatCount(seed.interactions)} seeded`],
        ['servers', 'own Node processes, production config (pg pool of 10 each), logging off, rate limit lifted'],
        [
          'devices',
          'sign in as the demo editors in turn (3 sites), open the event stream, then loop: think 1–5 s, pull from their ' +
            'checkpoint, think, push 1–3 of their 4 records; at most 1 in 20 devices in a live edit (10–40 keystrokes)'
        ],
        ['settings', `BENCH_LOAD_SEED=${load.seed}, ramp ${load.rampSeconds} s, measured ${load.seconds} s`],
        ...fleetFacts('one instance', one),
        ...fleetFacts('two instances', two),
        ['knee', kneeVerdict(knee)],
        ...notifyVerdict(notify),
        ['load average at the end', loadavg()[0].toFixed(2)]
      ],
      table: { columns: STEADY_COLUMNS, rows: [...steadyRows(one), ...steadyRows(two)] },
      raw: { database: { kind: database.kind, description: database.description }, seed, load, kneeMax, one, two, knee, notify }
    };
  }
};
