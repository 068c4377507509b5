import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { CLOSE } from '../../../sync-server/collab/close-codes';
import { syncStep2Message, updateMessage } from '../../../sync-server/collab/protocol';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, pullAll, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../sync/replica';
import { connectPeer, listen, opened, openRaw, roomsClosed, roomUrl, type Peer } from './collab-client';
import { waitFor } from '../../support/wait-for';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const CLEO = 'cleo@example.org';
const EVE = 'eve@example.org';

describe.each(testDatabases)('/api/yjs/:siteId/:interactionId on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;
  const peers: Peer[] = [];

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
  });
  afterAll(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await api?.dispose();
  });

  async function record(siteId = LEEDS.id): Promise<Replica> {
    const replica = Replica.create({ notes: 'Start.' }, siteId);
    await pushAndAdopt(api, ADA, [replica]);
    return replica;
  }

  async function peer(email: string, id: string): Promise<Peer> {
    const connected = await connectPeer({ baseUrl, token: await api.token(email), id });
    peers.push(connected);
    return connected;
  }

  function leave(...left: Peer[]): void {
    for (const one of left) {
      one.destroy();
      peers.splice(peers.indexOf(one), 1);
    }
  }

  async function closeCode(url: string): Promise<{ code: number; reason: string }> {
    return openRaw(url).closed;
  }

  it('syncs the stored document to a stock WebsocketProvider and converges two peers', async () => {
    const { id } = await record();
    const [ada, ben] = [await peer(ADA, id), await peer(BEN, id)];
    expect(ada.notes()).toBe('Start.');
    ada.doc.getText('notes').insert(0, 'Ada: ');
    ben.doc.getText('notes').insert(ben.notes().length, ' Ben.');
    await waitFor(() => ada.notes() === ben.notes() && ada.notes().includes('Ben.') && ben.notes().includes('Ada:'), 'both edits on both peers');
    expect(ada.notes()).toBe('Ada: Start. Ben.');
    leave(ada, ben);
    await roomsClosed(api.app);
  });

  it('writes edits after the debounce while the room stays open, for replication to pull', async () => {
    const { id } = await record();
    const ben = await peer(BEN, id);
    ben.doc.getText('notes').insert(0, 'Live. ');
    const stored = await waitFor(async () => {
      const document = (await pullAll(api, ADA)).documents.find((candidate) => candidate.id === id);
      return document?.notes === 'Live. Start.' ? document : undefined;
    }, 'the live edit in a pull');
    expect(api.app.collabRooms.size).toBe(1);
    expect(stored.needsReview).toBe(false);
    leave(ben);
    await roomsClosed(api.app);
  });

  it('writes what is left when the last peer leaves', async () => {
    const { id } = await record();
    const ben = await peer(BEN, id);
    ben.doc.getText('notes').insert(0, 'Last words. ');
    await waitFor(() => api.app.collabRooms.size === 1, 'the room');
    // Leaves at once, well inside the debounce: the unload must write it.
    const server = api.app.collabRooms;
    await new Promise((resolve) => setTimeout(resolve, 0));
    leave(ben);
    await roomsClosed(api.app);
    expect(server.size).toBe(0);
    expect((await storedDocument(api, id)).notes).toBe('Last words. Start.');
  });

  it('brings a change stored through replication into the open room', async () => {
    const replica = await record();
    const ben = await peer(BEN, replica.id);
    replica.edit({ title: 'Renamed offline' });
    await pushAndAdopt(api, ADA, [replica]);
    await waitFor(() => ben.doc.getText('title').toString() === 'Renamed offline', 'the pushed title in the room');
    leave(ben);
    await roomsClosed(api.app);
  });

  it('closes with 4401 without a token or with a bad one', async () => {
    const { id } = await record();
    expect(await closeCode(roomUrl(baseUrl, { id }))).toEqual({ code: 4401, reason: CLOSE.UNAUTHENTICATED.reason });
    expect((await closeCode(roomUrl(baseUrl, { id, token: 'not.a.token' }))).code).toBe(4401);
    const forged = (await api.token(BEN)).slice(0, -4) + 'AAAA';
    expect((await closeCode(roomUrl(baseUrl, { id, token: forged }))).code).toBe(4401);
  });

  it('closes with 4403 for a non-member, a record of another site and an unknown record', async () => {
    const { id } = await record();
    const toronto = await record(TORONTO.id);
    expect((await closeCode(roomUrl(baseUrl, { id, token: await api.token(EVE) }))).code).toBe(4403);
    // Ada belongs to both sites: the record is simply not in the one named.
    expect((await closeCode(roomUrl(baseUrl, { id: toronto.id, token: await api.token(ADA) }))).code).toBe(4403);
    const unknown = '0190c3a4-0000-7000-8000-000000000000';
    expect((await closeCode(roomUrl(baseUrl, { id: unknown, token: await api.token(ADA) }))).code).toBe(4403);
    expect((await closeCode(roomUrl(baseUrl, { id: 'not-a-uuid', token: await api.token(ADA) }))).code).toBe(4403);
    expect(api.app.collabRooms.size).toBe(0);
  });

  it('sends a viewer the edits, and refuses a viewer’s update with 4403 without storing it', async () => {
    const { id } = await record();
    const before = await storedDocument(api, id);
    const cleo = await peer(CLEO, id);
    const ben = await peer(BEN, id);
    ben.doc.getText('notes').insert(0, 'Seen. ');
    await waitFor(() => cleo.notes() === 'Seen. Start.', 'the edit on the viewer');

    const raw = openRaw(roomUrl(baseUrl, { id, token: await api.token(CLEO) }));
    await opened(raw);
    const fork = new Y.Doc();
    Y.applyUpdate(fork, Y.encodeStateAsUpdate(ben.doc));
    const vector = Y.encodeStateVector(fork);
    fork.getText('notes').insert(0, 'Viewer was here. ');
    // An empty step 2 is part of every handshake and is no edit.
    raw.ws.send(syncStep2Message(Y.encodeStateAsUpdate(fork, Y.encodeStateVector(fork))));
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(fork, vector)));
    expect(await raw.closed).toEqual({ code: 4403, reason: CLOSE.VIEWER_EDIT.reason });

    leave(cleo, ben);
    await roomsClosed(api.app);
    const after = await storedDocument(api, id);
    expect(after.notes).toBe('Seen. Start.');
    expect(after.serverSeq).toBeGreaterThan(before.serverSeq);
    expect(Y.decodeUpdate(fromBase64(after.crdt)).structs.length).toBeGreaterThan(0);
  });

  it('closes with 1009 on a message over 1 MiB and keeps the stored document', async () => {
    const { id } = await record();
    const before = await storedDocument(api, id);
    const raw = openRaw(roomUrl(baseUrl, { id, token: await api.token(BEN) }));
    await opened(raw);
    raw.ws.send(new Uint8Array(1024 * 1024 + 1));
    expect((await raw.closed).code).toBe(CLOSE.MESSAGE_TOO_BIG.code);
    await roomsClosed(api.app);
    expect((await storedDocument(api, id)).serverSeq).toBe(before.serverSeq);
  });

  it('closes every socket when the app closes, writing what the rooms held', async () => {
    const other = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    const otherUrl = await listen(other.app);
    const replica = Replica.create({ notes: 'Start.' });
    await pushAndAdopt(other, ADA, [replica]);
    const ben = await connectPeer({ baseUrl: otherUrl, token: await other.token(BEN), id: replica.id });
    const ada = await connectPeer({ baseUrl: otherUrl, token: await other.token(ADA), id: replica.id });
    ben.doc.getText('notes').insert(0, 'Before shutdown. ');
    // Through the server to the other peer, so the room holds it: the close must write it.
    await waitFor(() => ada.notes() === 'Before shutdown. Start.', 'the edit in the room');
    const closes: number[] = [];
    ben.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    await other.app.close();
    expect(closes).toContain(CLOSE.GOING_AWAY.code);
    const { rows } = await other.db.query<{ notes: string }>('SELECT notes FROM interactions WHERE id = $1', [replica.id]);
    expect(rows[0].notes).toBe('Before shutdown. Start.');
    ben.destroy();
    ada.destroy();
    await other.dispose();
  });
});
