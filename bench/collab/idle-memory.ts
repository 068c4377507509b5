import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncStep1Message } from '../../sync-server/collab/protocol';
import { sampleRss } from '../sync/idle';

export const IDLE_ROOMS = 200;
export const IDLE_CLIENTS = 200;

export interface IdleMemory {
  /** RSS added per open room with its one client, in bytes. */
  perRoomBytes: number;
  /** RSS added per further client in one open room, in bytes. */
  perClientBytes: number;
}

/**
 * RSS of the server process before and after opening IDLE_ROOMS rooms (one client each), then
 * IDLE_CLIENTS more clients in one room. `urlOf(index)` names room `index`.
 */
export async function measureIdleMemory(options: { pid: number; urlOf: (room: number) => string }): Promise<IdleMemory> {
  const sockets: WebSocket[] = [];
  const open = async (url: string) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    // Synced: the room is loaded and the client counted, as an idle open form would be.
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(syncStep1Message(Y.encodeStateVector(new Y.Doc()))));
      ws.once('message', () => resolve());
    });
  };
  try {
    const before = await sampleRss(options.pid);
    for (let room = 0; room < IDLE_ROOMS; room++) await open(options.urlOf(room));
    const withRooms = await sampleRss(options.pid);
    for (let client = 0; client < IDLE_CLIENTS; client++) await open(options.urlOf(0));
    const withClients = await sampleRss(options.pid);
    return { perRoomBytes: (withRooms - before) / IDLE_ROOMS, perClientBytes: (withClients - withRooms) / IDLE_CLIENTS };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}
