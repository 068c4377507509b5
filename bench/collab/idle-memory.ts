import { sampleRss } from '../sync/idle';
import { COLLECT_GARBAGE_SIGNAL } from './collect-garbage';
import type { EditingClient } from './editing-client';

export const IDLE_ROOMS = 200;
export const IDLE_CLIENTS = 200;
/** Clients opened and closed before the baseline, so one-time costs (code compiled on first use) are not counted per room. */
const WARM_UP_CLIENTS = 20;

export interface IdleMemory {
  /** RSS added per open room with its one client, in bytes. */
  perRoomBytes: number;
  /** RSS added per further client in one open room, in bytes. */
  perClientBytes: number;
}

/**
 * RSS of the server process before and after opening IDLE_ROOMS rooms (one synced client each, as
 * an idle open form would be), then IDLE_CLIENTS more clients in the first of them. `open(index)`
 * connects a client to idle room `index`. Each sample follows a full garbage collection in the
 * server (see collect-garbage.ts), so it counts what the rooms and clients hold, not what they left.
 */
export async function measureIdleMemory(options: { pid: number; open: (room: number) => Promise<EditingClient> }): Promise<IdleMemory> {
  for (let client = 0; client < WARM_UP_CLIENTS; client++) (await options.open(0)).close();
  const clients: EditingClient[] = [];
  try {
    const before = await collectedRss(options.pid);
    for (let room = 0; room < IDLE_ROOMS; room++) clients.push(await options.open(room));
    const withRooms = await collectedRss(options.pid);
    for (let client = 0; client < IDLE_CLIENTS; client++) clients.push(await options.open(0));
    const withClients = await collectedRss(options.pid);
    return { perRoomBytes: (withRooms - before) / IDLE_ROOMS, perClientBytes: (withClients - withRooms) / IDLE_CLIENTS };
  } finally {
    for (const client of clients) client.close();
  }
}

/** RSS of `pid` after a full garbage collection there (sampleRss waits a second before its first sample). */
async function collectedRss(pid: number): Promise<number> {
  process.kill(pid, COLLECT_GARBAGE_SIGNAL);
  return sampleRss(pid);
}
