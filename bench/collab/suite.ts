import { provisionDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import type { BenchSuite } from '../lib/suite';
import { formatCount } from '../lib/table';
import { runHeadToHead, type RunFigures } from './head-to-head';
import { IDLE_CLIENTS, IDLE_ROOMS } from './idle-memory';
import { COLUMNS, runLine, summaryRows, targetHeld } from './summary';
import { CLIENTS, UPDATES } from './workload';

/**
 * Live co-editing, head to head, in the same run: the same workload against our endpoint
 * (authenticated, checked, persisting through push to the database), against Hocuspocus (the most
 * used production Yjs server, its defaults, in memory) and against the reference
 * @y/websocket-server (in memory), each in its own process; then the memory an idle open room and
 * an idle client cost each of them. Repeated BENCH_COLLAB_RUNS times on fresh processes, since the
 * target against Hocuspocus must hold in every run.
 */
export const collabSuite: BenchSuite = {
  name: 'collab',
  summary: `live co-editing: ${CLIENTS} clients and ${formatCount(UPDATES)} updates on one document, and idle memory, against Hocuspocus and the reference y-websocket server`,
  async run({ settings, cleanup, workDir, log }) {
    const database = await provisionDatabase({ settings, dataDir: workDir, cleanup });
    log(`database: ${database.description}`);
    await seedDatabase({ database, interactions: 0, log });
    const ourEnv = { DATABASE_URL: database.kind === 'postgres' ? database.settings.databaseUrl ?? '' : '', DATA_DIR: workDir };

    const runs: RunFigures[] = [];
    for (let run = 1; run <= settings.collabRuns; run++) {
      runs.push(await runHeadToHead({ run, ourEnv, cleanup, log }));
      log(`run ${run} against Hocuspocus: ${runLine(runs[runs.length - 1])}`);
    }
    const held = runs.filter(targetHeld).length;

    return {
      facts: [
        ['database', database.description],
        ['ours', 'own Node process, production config, logging off; edits written through push 500 ms after they stop'],
        ['Hocuspocus', '@hocuspocus/server 3.4.4 with its defaults and no extension (in memory), own Node process'],
        ['y-websocket', '@y/websocket-server 0.1.1 setupWSConnection, own Node process, in memory'],
        [
          'workload',
          `${CLIENTS} sockets on one document, ${formatCount(UPDATES)} two-character inserts, at most 2 in flight per client; ` +
            'each server in its own wire format (Hocuspocus: its document-name framing, token message and acknowledgements), ' +
            'the same Yjs work in every client; afterwards a fresh client (for Hocuspocus its own provider) checks every insert arrived'
        ],
        ['documents', 'every room holds the same record: ours from the database, those of the peers brought by their first client'],
        ['latency', `from send to arrival at the last of the other ${CLIENTS - 1} clients`],
        [
          'idle memory',
          `growth for ${IDLE_ROOMS} rooms with one client each, then ${IDLE_CLIENTS} more clients in one room, each after a full ` +
            'garbage collection in the server: RSS (largest of three samples a second apart) and JS heap (V8 heap in use plus buffers)'
        ],
        ['runs', `${runs.length}, each on fresh server processes, the workloads' order turning from run to run`],
        ...runs.map((run, index): [string, string] => [`run ${index + 1} vs Hocuspocus`, runLine(run)]),
        ['target against Hocuspocus', `held in ${held} of ${runs.length} runs${held === runs.length ? '' : ' (MISSED)'}`]
      ],
      table: { columns: COLUMNS, rows: summaryRows(runs) },
      raw: { runs }
    };
  }
};
