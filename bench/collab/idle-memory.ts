import { readFile, rm } from 'node:fs/promises';
import { waitFor } from '../../tests/support/wait-for';
import { sampleRss } from '../sync/idle';
import { COLLECT_GARBAGE_SIGNAL, memoryReportPath } from './collect-garbage';
import type { EditingClient } from './editing-client';

export const IDLE_ROOMS = 500;
export const IDLE_CLIENTS = 500;
/** Clients opened and closed before the baseline, so one-time costs (code compiled on first use) are not counted per room. */
const WARM_UP_CLIENTS = 20;

export interface IdleMemory {
  /** RSS added per open room with its one client, in bytes. */
  perRoomBytes: number;
  /** RSS added per further client in one open room, in bytes. */
  perClientBytes: number;
  /** V8 heap in use plus memory outside it held by JavaScript objects (buffers), added per room. */
  heapPerRoomBytes: number;
  /** The same, per further client. */
  heapPerClientBytes: number;
}

interface Held {
  rss: number;
  heap: number;
}

/**
 * What the server process holds before and after opening IDLE_ROOMS rooms (one synced client each,
 * as an idle open form would be), then IDLE_CLIENTS more clients in the first of them. `open(index)`
 * connects a client to idle room `index`. Each measurement follows a full garbage collection in
 * the server (see collect-garbage.ts), so it counts what the rooms and clients hold, not what they left.
 */
export async function measureIdleMemory(options: { pid: number; open: (room: number) => Promise<EditingClient> }): Promise<IdleMemory> {
  for (let client = 0; client < WARM_UP_CLIENTS; client++) (await options.open(0)).close();
  const clients: EditingClient[] = [];
  try {
    const before = await measureHeld(options.pid);
    for (let room = 0; room < IDLE_ROOMS; room++) clients.push(await options.open(room));
    const withRooms = await measureHeld(options.pid);
    for (let client = 0; client < IDLE_CLIENTS; client++) clients.push(await options.open(0));
    const withClients = await measureHeld(options.pid);
    return {
      perRoomBytes: (withRooms.rss - before.rss) / IDLE_ROOMS,
      perClientBytes: (withClients.rss - withRooms.rss) / IDLE_CLIENTS,
      heapPerRoomBytes: (withRooms.heap - before.heap) / IDLE_ROOMS,
      heapPerClientBytes: (withClients.heap - withRooms.heap) / IDLE_CLIENTS
    };
  } finally {
    for (const client of clients) client.close();
  }
}

/** Asks `pid` to collect and report its heap, samples its RSS meanwhile, then reads the report. */
async function measureHeld(pid: number): Promise<Held> {
  const path = memoryReportPath(pid);
  await rm(path, { force: true });
  process.kill(pid, COLLECT_GARBAGE_SIGNAL);
  // sampleRss waits a second before its first sample: the collection is over by then.
  const rss = await sampleRss(pid);
  const report = await waitFor(() => readFile(path, 'utf8').catch(() => undefined), 'the server’s memory report');
  await rm(path, { force: true });
  const usage = JSON.parse(report) as NodeJS.MemoryUsage;
  return { rss, heap: usage.heapUsed + usage.external };
}
