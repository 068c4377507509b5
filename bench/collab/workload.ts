import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { syncStep1Message, updateMessage } from '../../sync-server/collab/protocol';

export const CLIENTS = 50;
export const UPDATES = 10_000;
/** Updates each client may have on their way (not yet at every other client) before it waits. */
const WINDOW = 2;

export interface WorkloadFigures {
  seconds: number;
  /** Updates delivered to every other client, per second. */
  updatesPerSecond: number;
  /** Single deliveries (one update at one client) per second. */
  deliveriesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

interface Client {
  ws: WebSocket;
  doc: Y.Doc;
  sent: number;
  inFlight: number;
}

/**
 * CLIENTS sockets on one document; each types UPDATES / CLIENTS small inserts into `notes`, keeping
 * at most WINDOW of its own on their way. An update's latency runs from its send to its arrival at
 * the last of the other clients. Clients apply only the server's first state, not each other's
 * updates: the load generator shares two cores with the server, and what is measured is the server.
 */
export async function runWorkload(roomUrl: string): Promise<WorkloadFigures> {
  const perClient = Math.ceil(UPDATES / CLIENTS);
  const pending = new Map<string, { sentAt: number; remaining: number; sender: Client }>();
  const latencies: number[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connect(roomUrl)));

  const send = (client: Client) => {
    while (client.inFlight < WINDOW && client.sent < perClient) {
      const text = client.doc.getText('notes');
      const before = Y.encodeStateVector(client.doc);
      text.insert(text.length, 'ab');
      const update = Y.encodeStateAsUpdate(client.doc, before);
      const { from } = Y.parseUpdateMeta(update);
      const [[id, clock]] = [...from];
      pending.set(`${id}:${clock}`, { sentAt: performance.now(), remaining: CLIENTS - 1, sender: client });
      client.sent++;
      client.inFlight++;
      client.ws.send(updateMessage(update));
    }
  };
  for (const client of clients) {
    client.ws.on('message', (data: Buffer) => {
      const update = readUpdate(data);
      if (!update) return;
      for (const [id, clock] of Y.parseUpdateMeta(update).from) {
        const entry = pending.get(`${id}:${clock}`);
        if (!entry || entry.sender === client) continue;
        if (--entry.remaining > 0) continue;
        pending.delete(`${id}:${clock}`);
        latencies.push(performance.now() - entry.sentAt);
        entry.sender.inFlight--;
        if (latencies.length === perClient * CLIENTS) finish();
        else send(entry.sender);
      }
    });
  }
  const started = performance.now();
  for (const client of clients) send(client);
  await finished;
  const seconds = (performance.now() - started) / 1000;
  for (const client of clients) client.ws.close();
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
  return {
    seconds,
    updatesPerSecond: latencies.length / seconds,
    deliveriesPerSecond: (latencies.length * (CLIENTS - 1)) / seconds,
    p50Ms: at(0.5),
    p95Ms: at(0.95)
  };
}

/** Opens one socket, sends sync step 1 and resolves once the server's step 2 has been applied. */
async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const doc = new Y.Doc();
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => ws.send(syncStep1Message(Y.encodeStateVector(doc))));
    const onFirstState = (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      ws.off('message', onFirstState);
      resolve();
    };
    ws.on('message', onFirstState);
  });
  return { ws, doc, sent: 0, inFlight: 0 };
}

/** The Yjs update a sync message carries (step 2 or update), or undefined for anything else. */
function readUpdate(data: Buffer): Uint8Array | undefined {
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (decoding.readVarUint(decoder) !== 0) return undefined;
  const step = decoding.readVarUint(decoder);
  return step === 1 || step === 2 ? decoding.readVarUint8Array(decoder) : undefined;
}
