import type { EditingClient } from './editing-client';
import { cpuSecondsOf } from './process-cpu';

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
  /** CPU the server process and this load generator spent during the workload, in seconds. */
  serverCpuSeconds: number;
  generatorCpuSeconds: number;
}

/** What the workload needs of a server: editors on its document, and its process. */
export interface WorkloadServer {
  pid: number;
  openWorkloadEditor(): Promise<EditingClient>;
  readWorkloadNotesLength(): Promise<number>;
}

/**
 * CLIENTS editors on one document; each types UPDATES / CLIENTS small inserts into `notes`, keeping
 * at most WINDOW of its own on their way. An update's latency runs from its send to its arrival at
 * the last of the other clients. The server's CPU time is reported beside this process's own, so
 * that a run limited by the load generator (which shares the cores with the server) shows as such.
 * Before the editors leave, a fresh client checks that the document holds every insert.
 */
export async function runWorkload(server: WorkloadServer): Promise<WorkloadFigures> {
  const perClient = Math.ceil(UPDATES / CLIENTS);
  const pending = new Map<string, { sentAt: number; remaining: number; sender: Slot }>();
  const latencies: number[] = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const editors = await Promise.all(Array.from({ length: CLIENTS }, () => server.openWorkloadEditor()));
  const slots: Slot[] = editors.map((client) => ({ client, sent: 0, inFlight: 0 }));
  const expectedLength = editors[0].notesLength() + 2 * perClient * CLIENTS;

  const send = (slot: Slot) => {
    while (slot.inFlight < WINDOW && slot.sent < perClient) {
      slot.sent++;
      slot.inFlight++;
      // Timed from before the update is made; its relays arrive on a later turn of the event loop.
      const sentAt = performance.now();
      const key = slot.client.type();
      pending.set(key, { sentAt, remaining: CLIENTS - 1, sender: slot });
    }
  };
  for (const slot of slots) {
    slot.client.onRemoteUpdate((from) => {
      for (const [id, clock] of from) {
        const key = `${id}:${clock}`;
        const entry = pending.get(key);
        if (!entry || entry.sender === slot) continue;
        if (--entry.remaining > 0) continue;
        pending.delete(key);
        latencies.push(performance.now() - entry.sentAt);
        entry.sender.inFlight--;
        if (latencies.length === perClient * CLIENTS) finish();
        else send(entry.sender);
      }
    });
  }
  const serverCpuBefore = await cpuSecondsOf(server.pid);
  const generatorCpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const slot of slots) send(slot);
  await finished;
  const seconds = (performance.now() - started) / 1000;
  const generatorCpu = process.cpuUsage(generatorCpuBefore);
  const serverCpuSeconds = (await cpuSecondsOf(server.pid)) - serverCpuBefore;
  // Read while the editors are still there: Hocuspocus drops a document its last client leaves.
  const finalLength = await server.readWorkloadNotesLength();
  for (const slot of slots) slot.client.close();
  if (finalLength !== expectedLength) {
    throw new Error(`the document holds ${finalLength} characters of notes after the workload, not ${expectedLength}`);
  }
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
  return {
    seconds,
    updatesPerSecond: latencies.length / seconds,
    deliveriesPerSecond: (latencies.length * (CLIENTS - 1)) / seconds,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    serverCpuSeconds,
    generatorCpuSeconds: (generatorCpu.user + generatorCpu.system) / 1e6
  };
}

interface Slot {
  client: EditingClient;
  sent: number;
  inFlight: number;
}
