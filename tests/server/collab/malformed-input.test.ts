import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '../../../sync-server/collab/protocol';
import { Random } from '../../../sync-server/demo/random';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../sync/replica';
import { connectPeer, listen, opened, openRaw, roomsClosed, roomUrl } from './collab-client';

const BEN = 'ben@example.org';
const MESSAGES = 3_000;
const PARALLEL = 16;
// Seeded so a failure replays: FUZZ_SEED=<n> to try another sequence.
const SEED = Number(process.env.FUZZ_SEED ?? 6);

/** Bad messages of every kind a broken or hostile client might send, each after a valid handshake. */
function badMessage(random: Random, base: Y.Doc): { kind: string; bytes: Uint8Array | string } {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, Y.encodeStateAsUpdate(base));
  const vector = Y.encodeStateVector(fork);
  fork.getText('notes').insert(random.int(0, fork.getText('notes').length), 'fuzz');
  const update = Y.encodeStateAsUpdate(fork, vector);
  const bytes = (length: number) => Uint8Array.from({ length }, () => random.int(0, 255));
  switch (random.int(0, 9)) {
    case 0:
      return { kind: 'random bytes', bytes: bytes(random.int(1, 64)) };
    case 1:
      return { kind: 'truncated update', bytes: updateMessage(update.slice(0, random.int(1, update.length - 1))) };
    case 2: {
      const message = updateMessage(update);
      return { kind: 'truncated message', bytes: message.slice(0, random.int(1, message.length - 1)) };
    }
    case 3:
      return { kind: 'random update', bytes: updateMessage(bytes(random.int(1, 48))) };
    case 4: {
      // An update that builds on an edit the server never received.
      const unseen = Y.encodeStateVector(fork);
      fork.getText('notes').insert(0, 'later');
      return { kind: 'update on missing history', bytes: syncStep2Message(Y.encodeStateAsUpdate(fork, unseen)) };
    }
    case 5: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, random.int(4, 1000));
      encoding.writeVarUint8Array(encoder, update);
      return { kind: 'unknown message type', bytes: encoding.toUint8Array(encoder) };
    }
    case 6: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, random.int(3, 100));
      encoding.writeVarUint8Array(encoder, update);
      return { kind: 'unknown sync step', bytes: encoding.toUint8Array(encoder) };
    }
    case 7: {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, random.int(1, 3));
      encoding.writeVarUint(encoder, random.int(1, 1e6));
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, random.pick(['{"user":', 'not json', '[1,2', '"text"', '42']));
      return { kind: 'broken awareness', bytes: awarenessMessage(encoding.toUint8Array(encoder)) };
    }
    case 8:
      return { kind: 'trailing bytes', bytes: Uint8Array.from([...updateMessage(update), ...bytes(random.int(1, 8))]) };
    default:
      return { kind: 'text frame', bytes: 'hello' };
  }
}

describe.each(testDatabases)('live editing with malformed input on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
  });
  afterAll(() => api?.dispose());

  it(`refuses ${MESSAGES} generated bad messages with 4400, never storing them, and serves on`, { timeout: 180_000 }, async () => {
    const replica = Replica.create({ notes: 'Intact.' });
    await pushAndAdopt(api, BEN, [replica]);
    const before = await storedDocument(api, replica.id);
    const token = await api.token(BEN);
    const random = new Random(SEED);
    const closes = new Map<string, number>();

    const sendOne = async (index: number) => {
      const { kind, bytes } = badMessage(random, replica.doc);
      const socket = openRaw(roomUrl(baseUrl, { id: replica.id, token }));
      await opened(socket);
      socket.ws.send(syncStep1Message(Y.encodeStateVector(new Y.Doc())));
      socket.ws.send(bytes);
      const { code } = await socket.closed;
      if (code !== 4400) throw new Error(`seed ${SEED}, message ${index} (${kind}): closed with ${code}, not 4400`);
      closes.set(kind, (closes.get(kind) ?? 0) + 1);
    };
    for (let start = 0; start < MESSAGES; start += PARALLEL) {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, MESSAGES - start) }, (_, offset) => sendOne(start + offset)));
    }
    await roomsClosed(api.app);

    expect([...closes.values()].reduce((sum, count) => sum + count, 0)).toBe(MESSAGES);
    expect(closes.size).toBe(10);
    const after = await storedDocument(api, replica.id);
    expect(after.serverSeq).toBe(before.serverSeq);
    expect(after.crdt).toBe(before.crdt);

    // Still serving, and the document is still whole.
    const peer = await connectPeer({ baseUrl, token, id: replica.id });
    expect(peer.notes()).toBe('Intact.');
    peer.doc.getText('notes').insert(0, 'Still. ');
    peer.destroy();
    await roomsClosed(api.app);
    const stored = await storedDocument(api, replica.id);
    expect(stored.notes).toBe('Still. Intact.');
    expect(Y.decodeUpdate(fromBase64(stored.crdt)).structs.length).toBeGreaterThan(0);
  });
});
