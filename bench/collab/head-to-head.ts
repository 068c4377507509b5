import { loadavg } from 'node:os';
import type { Cleanup } from '../lib/cleanup';
import { measureIdleMemory, type IdleMemory } from './idle-memory';
import { startHocuspocus, startOurs, startYWebsocket, type CollabServer, type ServerName } from './servers';
import { runWorkload, type WorkloadFigures } from './workload';

export interface RunFigures {
  /** 1-minute load average as the run ended: the cores the servers and the load generator shared. */
  loadAverage: number;
  /** The order the workloads ran in: it turns from run to run, so no server always runs first. */
  order: ServerName[];
  idle: Record<ServerName, IdleMemory>;
  workloads: Record<ServerName, WorkloadFigures>;
}

export interface HeadToHeadOptions {
  /** 1 for the first run: it also sets the order the workloads run in. */
  run: number;
  /** Our server's environment: its database and data folder. */
  ourEnv: Record<string, string>;
  cleanup: Cleanup;
  log(line: string): void;
}

/**
 * One head-to-head run: the three servers started afresh, each in its own process; their idle
 * memory measured first, while they have done little (after the workload, freed garbage blurs
 * RSS); then the same workload against each, one at a time; then all three stopped.
 */
export async function runHeadToHead(options: HeadToHeadOptions): Promise<RunFigures> {
  const { run, log } = options;
  const servers: CollabServer[] = [
    await startOurs({ env: options.ourEnv, cleanup: options.cleanup }),
    await startHocuspocus(options.cleanup),
    await startYWebsocket(options.cleanup)
  ];
  try {
    // Each filled for every server by its loop.
    const idle = {} as Record<ServerName, IdleMemory>;
    const workloads = {} as Record<ServerName, WorkloadFigures>;
    for (const server of servers) {
      idle[server.name] = await measureIdleMemory({ pid: server.pid, open: (room) => server.openIdleEditor(room) });
      log(`run ${run}, ${server.name} idle: ${idleLine(idle[server.name])}`);
    }
    const order = servers.map((_, index) => servers[(index + run - 1) % servers.length]);
    for (const server of order) {
      workloads[server.name] = await runWorkload(server);
      log(`run ${run}, ${server.name}: ${workloadLine(workloads[server.name])}`);
    }
    return { loadAverage: Number(loadavg()[0].toFixed(2)), order: order.map((server) => server.name), idle, workloads };
  } finally {
    for (const server of servers) await server.stop();
  }
}

function workloadLine(figures: WorkloadFigures): string {
  const rounded = (value: number) => Math.round(value).toLocaleString('en');
  return (
    `${rounded(figures.updatesPerSecond)} updates/s (${rounded(figures.deliveriesPerSecond)} deliveries/s), ` +
    `p50 ${figures.p50Ms.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms, ${figures.seconds.toFixed(1)} s; ` +
    `CPU: server ${figures.serverCpuSeconds.toFixed(1)} s, load generator ${figures.generatorCpuSeconds.toFixed(1)} s`
  );
}

function idleLine(figures: IdleMemory): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return (
    `RSS ${kb(figures.perRoomBytes)} per room, ${kb(figures.perClientBytes)} per client; ` +
    `JS heap ${kb(figures.heapPerRoomBytes)} per room, ${kb(figures.heapPerClientBytes)} per client`
  );
}
