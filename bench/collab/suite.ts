import { loadavg } from 'node:os';
import { provisionDatabase } from '../lib/bench-database';
import { seedDatabase } from '../lib/seed';
import { startServerProcess } from '../lib/server-process';
import type { BenchSuite } from '../lib/suite';
import { formatCount, formatRatio, type Column } from '../lib/table';
import { requestToken } from '../sync/http-client';
import { BENCH_EMAIL, BENCH_SITE } from '../sync/fixtures';
import { IDLE_CLIENTS, IDLE_ROOMS, measureIdleMemory, type IdleMemory } from './idle-memory';
import { startReferenceServer } from './reference-process';
import { CLIENTS, runWorkload, UPDATES, type WorkloadFigures } from './workload';

const COLUMNS: Column[] = [
  { header: 'scenario' },
  { header: 'ours', align: 'right' },
  { header: 'reference', align: 'right' },
  { header: 'ours / reference', align: 'right' },
  { header: 'target' }
];

/**
 * Live co-editing, head to head: the same workload against our endpoint (authenticated, checked,
 * persisting through push to the database) and against the reference @y/websocket-server 0.1.1
 * (in memory), each in its own process, in the same run. Then the memory an idle open room and an
 * idle client cost each of them.
 */
export const collabSuite: BenchSuite = {
  name: 'collab',
  summary: `live co-editing: ${CLIENTS} clients and ${formatCount(UPDATES)} updates on one document, and idle memory, against the reference y-websocket server`,
  async run({ settings, cleanup, workDir, log }) {
    const database = await provisionDatabase({ settings, dataDir: workDir, cleanup });
    log(`database: ${database.description}`);
    await seedDatabase({ database, interactions: 0, log });
    const databaseUrl = database.kind === 'postgres' ? database.settings.databaseUrl ?? '' : '';
    const ours = await startServerProcess({ env: { DATABASE_URL: databaseUrl, DATA_DIR: workDir } });
    cleanup.add('stop our server process', ours.stop);
    const reference = await startReferenceServer();
    cleanup.add('stop the reference server process', reference.stop);
    log(`our server on ${ours.url} (pid ${ours.pid}); reference on ${reference.url} (pid ${reference.pid})`);

    const token = await requestToken(ours.url, BENCH_EMAIL);
    const ids = await createRecords(ours.url, token, IDLE_ROOMS + 1);
    const ourRoom = (id: string) => `${ours.url.replace('http', 'ws')}/api/yjs/${BENCH_SITE.id}/${id}?token=${token}`;
    const referenceRoom = (name: string) => `${reference.url.replace('http', 'ws')}/${name}`;

    // Memory first, on processes that have done little yet: after the workload, freed garbage blurs RSS.
    const ourIdle = await measureIdleMemory({ pid: ours.pid, urlOf: (room) => ourRoom(ids[room + 1]) });
    log(`ours idle: ${idleLine(ourIdle)}`);
    const referenceIdle = await measureIdleMemory({ pid: reference.pid, urlOf: (room) => referenceRoom(`idle-${room}`) });
    log(`reference idle: ${idleLine(referenceIdle)}`);
    const ourWork = await runWorkload(ourRoom(ids[0]));
    log(`ours: ${workloadLine(ourWork)}`);
    const referenceWork = await runWorkload(referenceRoom('bench-document'));
    log(`reference: ${workloadLine(referenceWork)}`);

    const row = (scenario: string, ourValue: number, referenceValue: number, format: (value: number) => string, target: string) => [
      scenario,
      format(ourValue),
      format(referenceValue),
      formatRatio(ourValue / referenceValue),
      target
    ];
    const kb = (bytes: number) => `${formatCount(bytes / 1024)} KB`;
    return {
      facts: [
        ['database', database.description],
        ['ours', 'own Node process, production config, logging off; edits written through push 500 ms after they stop'],
        ['reference', '@y/websocket-server 0.1.1 setupWSConnection, own Node process, in memory'],
        ['workload', `${CLIENTS} sockets on one document, ${formatCount(UPDATES)} two-character inserts, at most 2 in flight per client`],
        ['latency', 'from send to arrival at the last of the other 49 clients'],
        ['idle memory', `RSS growth for ${IDLE_ROOMS} rooms with one client each, then ${IDLE_CLIENTS} more clients in one room`],
        ['load average at the end', loadavg()[0].toFixed(2)]
      ],
      table: {
        columns: COLUMNS,
        rows: [
          row('throughput (updates/s to all)', ourWork.updatesPerSecond, referenceWork.updatesPerSecond, formatCount, '≥ 1.00×'),
          row('latency p95 (ms)', ourWork.p95Ms, referenceWork.p95Ms, (value) => value.toFixed(1), '≤ 1.00×'),
          row('latency p50 (ms)', ourWork.p50Ms, referenceWork.p50Ms, (value) => value.toFixed(1), ''),
          row('memory per idle room', ourIdle.perRoomBytes, referenceIdle.perRoomBytes, kb, ''),
          row('memory per idle client', ourIdle.perClientBytes, referenceIdle.perClientBytes, kb, '')
        ]
      },
      raw: { ours: { workload: ourWork, idle: ourIdle }, reference: { workload: referenceWork, idle: referenceIdle } }
    };
  }
};

function workloadLine(figures: WorkloadFigures): string {
  return `${formatCount(figures.updatesPerSecond)} updates/s (${formatCount(figures.deliveriesPerSecond)} deliveries/s), p50 ${figures.p50Ms.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms, ${figures.seconds.toFixed(1)} s`;
}

function idleLine(figures: IdleMemory): string {
  return `${formatCount(figures.perRoomBytes / 1024)} KB per room, ${formatCount(figures.perClientBytes / 1024)} KB per client`;
}

async function createRecords(baseUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${baseUrl}/api/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        siteId: BENCH_SITE.id,
        title: `Co-editing ${index}`,
        type: 'Meeting',
        lead: 'Bench',
        startDatetime: '2026-03-02T09:30:00.000Z',
        endDatetime: '2026-03-02T10:30:00.000Z',
        timezone: 'Europe/London',
        location: null,
        description: 'Edited live by the benchmark.',
        notes: null
      })
    });
    if (response.status !== 201) throw new Error(`creating a record answered ${response.status}: ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}
