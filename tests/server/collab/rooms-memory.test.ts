import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { Replica, UNTHROTTLED } from '../sync/replica';
import { listen, opened, openRaw, roomsClosed, roomUrl, type RawSocket } from './collab-client';
import { waitFor } from '../../support/wait-for';

const BEN = 'ben@example.org';
const ROOMS = 1_000;
const HELD_OPEN = 200;
const PARALLEL = 20;

// The test runner starts workers without --expose-gc; the flag can still be set at run time and the
// collector taken from a fresh context, so the heap is measured after a real full collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function settledHeap(): Promise<number> {
  for (let round = 0; round < 3; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

describe.each(testDatabases)('live-editing rooms’ memory on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;
  let ids: string[];
  let token: string;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
    token = await api.token(BEN);
    const replicas = Array.from({ length: ROOMS }, (_, index) => Replica.create({ title: `Room ${index}`, notes: 'x'.repeat(200) }));
    const userId = demoUser(BEN).id;
    await api.app.interactions.push({ userId }, LEEDS.id, replicas.map((replica) => ({
      id: replica.id,
      siteId: LEEDS.id,
      crdt: encode(replica),
      assumedServerSeq: null
    })));
    ids = replicas.map((replica) => replica.id);
  }, 120_000);
  afterAll(() => api?.dispose());

  /** Opens a room and waits until the server has sent its first message (the room is loaded). */
  async function openRoom(id: string): Promise<RawSocket> {
    const socket = openRaw(roomUrl(baseUrl, { id, token }));
    await opened(socket);
    await waitFor(() => socket.messages.length > 0, 'the room’s first message');
    return socket;
  }

  async function closeAll(sockets: RawSocket[]): Promise<void> {
    for (const socket of sockets) socket.ws.close();
    await Promise.all(sockets.map((socket) => socket.closed));
  }

  it(`returns to its baseline after ${ROOMS} rooms are opened and closed`, { timeout: 240_000 }, async () => {
    const cycle = async () => {
      for (let start = 0; start < ROOMS; start += PARALLEL) {
        await closeAll(await Promise.all(ids.slice(start, start + PARALLEL).map(openRoom)));
      }
      await roomsClosed(api.app);
      expect(api.app.collabRooms.size).toBe(0);
    };
    // Warm-up: one full cycle first, so compiled code and the caches that fill once (tokens, users,
    // the database driver's) are in the baseline. Measured here, the first cycle grows the heap by
    // about 2.5 KB a room and a second one by nothing more.
    await cycle();
    const baseline = await settledHeap();

    // What open rooms cost, as the yardstick for what a leak would look like.
    const held = await Promise.all(ids.slice(0, HELD_OPEN).map(openRoom));
    expect(api.app.collabRooms.size).toBe(HELD_OPEN);
    const perOpenRoom = ((await settledHeap()) - baseline) / HELD_OPEN;
    await closeAll(held);
    await roomsClosed(api.app);

    await cycle();
    const growth = (await settledHeap()) - baseline;

    expect(perOpenRoom).toBeGreaterThan(0);
    // A tenth of the rooms left behind would be this much; the heap must grow by less.
    expect(growth).toBeLessThan((ROOMS / 10) * perOpenRoom);
  });
});

function encode(replica: Replica): Uint8Array {
  return Buffer.from(replica.row().newDocumentState.crdt, 'base64');
}
