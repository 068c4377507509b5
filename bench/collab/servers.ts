import type { Cleanup } from '../lib/cleanup';
import { startServerProcess } from '../lib/server-process';
import { requestToken } from '../sync/http-client';
import { BENCH_EMAIL, BENCH_SITE } from '../sync/fixtures';
import { EXPOSE_GC_FLAG } from './collect-garbage';
import { hocuspocusDialect, yWebsocketDialect } from './dialects';
import type { EditingClient } from './editing-client';
import { readNotesLengthWithProvider } from './hocuspocus-provider';
import { IDLE_ROOMS } from './idle-memory';
import { PEER_ENTRIES, startPeerServer } from './peer-process';
import { createRecords, recordState } from './records';
import { connectSocketEditor } from './socket-client';

export type ServerName = 'ours' | 'hocuspocus' | 'yWebsocket';

/** One server under test, in its own process, with its rooms ready: the workload's and IDLE_ROOMS idle ones. */
export interface CollabServer {
  name: ServerName;
  pid: number;
  /** Opens a synced editor on the workload's document. */
  openWorkloadEditor(): Promise<EditingClient>;
  /** Opens a synced editor on idle room `index`. */
  openIdleEditor(index: number): Promise<EditingClient>;
  /** Length of `notes` in the workload's document, as a client of the server's own kind reads it now. */
  readWorkloadNotesLength(): Promise<number>;
  stop(): Promise<void>;
}

const COLLECT_GARBAGE_EXTENSION = new URL('./collect-garbage.ts', import.meta.url);
const WORKLOAD_DOCUMENT = 'bench-document';
/** What the peers' documents hold, as each of ours does: their clients bring it, as an editor with the record offline would. */
const RECORD_STATE = recordState(0);
const idleDocument = (index: number) => `idle-${index}`;

/**
 * Our endpoint: authenticated, checked, persisting through push to the database. Its rooms are
 * records, created afresh for every start so that each run edits a document of the same size.
 */
export async function startOurs(options: { env: Record<string, string>; cleanup: Cleanup }): Promise<CollabServer> {
  const child = await startServerProcess({
    env: { ...options.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${EXPOSE_GC_FLAG}`.trim() },
    extensions: [COLLECT_GARBAGE_EXTENSION]
  });
  options.cleanup.add('stop our server process', child.stop);
  const token = await requestToken(child.url, BENCH_EMAIL);
  const [workload, ...idle] = await createRecords(child.url, token, IDLE_ROOMS + 1);
  const roomUrl = (id: string) => `${child.url.replace('http', 'ws')}/api/yjs/${BENCH_SITE.id}/${id}?token=${token}`;
  const open = (id: string) => connectSocketEditor(roomUrl(id), yWebsocketDialect);
  return {
    name: 'ours',
    pid: child.pid,
    openWorkloadEditor: () => open(workload),
    openIdleEditor: (index) => open(idle[index]),
    readWorkloadNotesLength: () => readNotesLength(open(workload)),
    stop: child.stop
  };
}

/**
 * Hocuspocus with its defaults, in memory; the document name travels in every message. The workload
 * speaks its wire format from bare sockets, as it does to the others: 50 of its own providers, each
 * applying every relayed update to its document, spent 21 s of the load generator's CPU against 9 s
 * of the server's in one run (44 s instead of 8), so they measured the provider, not the server. Its
 * provider reads the document back at the end instead.
 */
export async function startHocuspocus(cleanup: Cleanup): Promise<CollabServer> {
  const child = await startPeerServer(PEER_ENTRIES.hocuspocus);
  cleanup.add('stop the Hocuspocus process', child.stop);
  const socketUrl = child.url.replace('http', 'ws');
  const open = (name: string) => connectSocketEditor(socketUrl, hocuspocusDialect(name), RECORD_STATE);
  return {
    name: 'hocuspocus',
    pid: child.pid,
    openWorkloadEditor: () => open(WORKLOAD_DOCUMENT),
    openIdleEditor: (index) => open(idleDocument(index)),
    readWorkloadNotesLength: () => readNotesLengthWithProvider(socketUrl, WORKLOAD_DOCUMENT),
    stop: child.stop
  };
}

/** The reference @y/websocket-server, in memory; the room is the path. */
export async function startYWebsocket(cleanup: Cleanup): Promise<CollabServer> {
  const child = await startPeerServer(PEER_ENTRIES.yWebsocket);
  cleanup.add('stop the y-websocket process', child.stop);
  const open = (name: string) => connectSocketEditor(`${child.url.replace('http', 'ws')}/${name}`, yWebsocketDialect, RECORD_STATE);
  return {
    name: 'yWebsocket',
    pid: child.pid,
    openWorkloadEditor: () => open(WORKLOAD_DOCUMENT),
    openIdleEditor: (index) => open(idleDocument(index)),
    readWorkloadNotesLength: () => readNotesLength(open(WORKLOAD_DOCUMENT)),
    stop: child.stop
  };
}

async function readNotesLength(connecting: Promise<EditingClient>): Promise<number> {
  const client = await connecting;
  try {
    return client.notesLength();
  } finally {
    client.close();
  }
}
