import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import * as Y from 'yjs';
import { readInteractionFields } from '$lib/domain/crdt';
import { LOCAL_EDIT, LiveInteraction } from '$lib/collab/live-interaction';
import type { LiveStatus } from '$lib/collab/live-connection';
import type { Presence } from '$lib/collab/presence';
import { storedRecord } from './stored-record';
import { waitFor } from '../../support/wait-for';

// A stand-in for the sync server's endpoint: the reference y-websocket server, behind the same
// path and token check (a token "bad" is refused with 4401, as the real endpoint does; any token
// starting "good" is accepted).
let server: Server;
let origin: string;
const SITE = 'site-1';
/** The stand-in's open sockets by the token each was opened with, for a test to close one. */
const socketsByToken = new Map<string, WebSocket>();

beforeAll(async () => {
  const sockets = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '', 'http://localhost');
    sockets.handleUpgrade(request, socket, head, (connection) => {
      const token = url.searchParams.get('token') ?? '';
      if (!token.startsWith('good')) return connection.close(4401, 'unauthenticated');
      socketsByToken.set(token, connection);
      setupWSConnection(connection, request, { docName: url.pathname });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Editor {
  live: LiveInteraction;
  stored: Uint8Array[];
  status: LiveStatus[];
  others: Presence[];
  /** How many people were shown as here, at each report. */
  presenceCounts: number[];
}

function editor(options: { id: string; state: Uint8Array; name: string; token?: () => Promise<string> }): Editor {
  const result: Editor = { live: undefined as unknown as LiveInteraction, stored: [], status: [], others: [], presenceCounts: [] };
  result.live = new LiveInteraction({
    siteId: SITE,
    interactionId: options.id,
    storedState: options.state,
    user: { id: options.name, name: options.name },
    store: async (state) => void result.stored.push(state),
    server: { origin, getAccessToken: options.token ?? (async () => 'good'), WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket },
    onStatus: (status) => result.status.push(status),
    onPresence: (others) => {
      result.others = others;
      result.presenceCounts.push(others.length);
    },
    saveDelayMs: 5
  });
  return result;
}

const notesOf = (editor: Editor) => editor.live.doc.getText('notes').toString();
// Editors in one process also meet over BroadcastChannel; the server's copy proves the socket carried it.
const serverNotes = (id: string) => docs.get(`/api/yjs/${SITE}/${id}`)?.getText('notes').toString();
const type = (editor: Editor, text: string) =>
  editor.live.doc.transact(() => {
    const notes = editor.live.doc.getText('notes');
    notes.insert(notes.length, text);
  }, LOCAL_EDIT);

describe('LiveInteraction over y-websocket', () => {
  it('shares edits both ways, shows who is where, and stores every change locally', async () => {
    const { id, state } = storedRecord();
    const ada = editor({ id, state, name: 'Ada' });
    const ben = editor({ id, state, name: 'Ben' });
    ada.live.setOnline(true);
    ben.live.setOnline(true);
    await Promise.all([ada.live.whenSynced(), ben.live.whenSynced()]);

    type(ada, 'A1 ');
    type(ben, 'B1 ');
    ben.live.focus('notes');
    await waitFor(() => notesOf(ada).length === 6 && notesOf(ada) === notesOf(ben), 'both editors to hold the same notes');
    expect(notesOf(ada)).toContain('A1 ');
    expect(notesOf(ada)).toContain('B1 ');
    await waitFor(() => serverNotes(id) === notesOf(ada), 'the server to store the notes');
    await waitFor(() => ada.others.some((person) => person.name === 'Ben' && person.field === 'notes'), 'Ben to be shown in the notes');

    await ada.live.flush();
    const stored = new Y.Doc();
    for (const update of ada.stored) Y.applyUpdate(stored, update);
    expect(readInteractionFields(stored).notes).toBe(notesOf(ada));

    await ben.live.close();
    await waitFor(() => ada.others.length === 0, 'nobody else to be shown');
    await ada.live.close();
  });

  it('keeps an edit made while the socket is down and syncs it on reconnect', async () => {
    const { id, state } = storedRecord();
    const ada = editor({ id, state, name: 'Ada' });
    const ben = editor({ id, state, name: 'Ben' });
    ada.live.setOnline(true);
    ben.live.setOnline(true);
    await Promise.all([ada.live.whenSynced(), ben.live.whenSynced()]);

    ada.live.setOnline(false);
    type(ada, 'written offline');
    await ada.live.flush();
    expect(ada.stored.length).toBeGreaterThan(0);
    expect(notesOf(ben)).toBe('');

    ada.live.setOnline(true);
    await waitFor(() => notesOf(ben) === 'written offline' && serverNotes(id) === 'written offline', 'the offline notes to reach Ben and the server');
    await Promise.all([ada.live.close(), ben.live.close()]);
  });

  it('renews a refused token once, and reports the socket refused when that does not help', async () => {
    const { id, state } = storedRecord();
    const tokens = ['bad', 'good'];
    const renewed = editor({ id, state, name: 'Ada', token: async () => tokens.shift() ?? 'good' });
    renewed.live.setOnline(true);
    await renewed.live.whenSynced();
    expect(renewed.status).toContain('connected');
    await renewed.live.close();

    const refused = editor({ id, state, name: 'Ben', token: async () => 'bad' });
    refused.live.setOnline(true);
    await waitFor(() => refused.status.includes('refused'), 'the refusal to be reported');
    type(refused, 'still kept');
    await refused.live.close();
    expect(refused.stored.length).toBeGreaterThan(0);
  });

  it('replaces a socket closed at its token’s expiry with one on a fresh token, still showing live and the others', async () => {
    const { id, state } = storedRecord();
    let generation = 1;
    const ada = editor({ id, state, name: 'Ada', token: async () => `good-ada-${generation}` });
    const ben = editor({ id, state, name: 'Ben' });
    ada.live.setOnline(true);
    ben.live.setOnline(true);
    await Promise.all([ada.live.whenSynced(), ben.live.whenSynced()]);
    await waitFor(() => ada.others.some((person) => person.name === 'Ben'), 'Ben to be shown as here');
    const [statusBefore, presenceBefore] = [ada.status.length, ada.presenceCounts.length];

    generation = 2;
    socketsByToken.get('good-ada-1')!.close(4401, 'token expired');
    await waitFor(() => socketsByToken.has('good-ada-2'), 'a socket with the renewed token');
    type(ada, 'after renewal');
    await waitFor(() => notesOf(ben) === 'after renewal' && serverNotes(id) === 'after renewal', 'the notes written after renewal to arrive');

    // Nothing the person could see changed: the form said live throughout, with Ben beside it.
    expect(ada.status.slice(statusBefore).every((status) => status === 'connected')).toBe(true);
    expect(ada.presenceCounts.slice(presenceBefore)).not.toContain(0);
    expect(ada.others.map((person) => person.name)).toEqual(['Ben']);
    await Promise.all([ada.live.close(), ben.live.close()]);
  });
});
