import { sampleRss } from '../sync/idle';
import type { EditingClient } from './editing-client';

export const IDLE_ROOMS = 200;
export const IDLE_CLIENTS = 200;

export interface IdleMemory {
  /** RSS added per open room with its one client, in bytes. */
  perRoomBytes: number;
  /** RSS added per further client in one open room, in bytes. */
  perClientBytes: number;
}

/**
 * RSS of the server process before and after opening IDLE_ROOMS rooms (one synced client each, as
 * an idle open form would be), then IDLE_CLIENTS more clients in the first of them. `open(index)`
 * connects a client to idle room `index`.
 */
export async function measureIdleMemory(options: { pid: number; open: (room: number) => Promise<EditingClient> }): Promise<IdleMemory> {
  const clients: EditingClient[] = [];
  try {
    const before = await sampleRss(options.pid);
    for (let room = 0; room < IDLE_ROOMS; room++) clients.push(await options.open(room));
    const withRooms = await sampleRss(options.pid);
    for (let client = 0; client < IDLE_CLIENTS; client++) clients.push(await options.open(0));
    const withClients = await sampleRss(options.pid);
    return { perRoomBytes: (withRooms - before) / IDLE_ROOMS, perClientBytes: (withClients - withRooms) / IDLE_CLIENTS };
  } finally {
    for (const client of clients) client.close();
  }
}
