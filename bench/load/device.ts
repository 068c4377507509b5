import { setTimeout as sleep } from 'node:timers/promises';
import type { Random } from '../../sync-server/demo/random';
import { MAX_SYNC_BATCH, type PushResponse, type SyncDocument } from '../../src/lib/domain/sync-protocol';
import { BenchClient, requestToken } from '../sync/http-client';
import { StreamClient } from '../sync/stream-client';
import { editLive } from './live-edit';
import type { Recorder } from './recorder';
import { ReplicaDocument } from './replica-document';

/** Between two actions of a device: someone reading, typing, walking to the next meeting. */
const THINK_MS = { min: 1_000, max: 5_000 };
/** Documents a push carries: the few a person changed since the last one. */
const PUSHED = { min: 1, max: 3 };
/** Of the cycles that find a live slot free, the share that open a record's form and type into it. */
const LIVE_CHANCE = 0.25;

/** One simulated device: who signs in, where, and what it has already replicated. */
export interface DevicePlan {
  serverUrl: string;
  email: string;
  siteId: string;
  /** The records this person edits, as the device stored them. */
  documents: SyncDocument[];
  /** Where its last pull stopped: the site's head when the fleet was prepared. */
  checkpoint: string;
}

export interface DeviceRun {
  recorder: Recorder;
  random: Random;
  liveSlots: LiveSlots;
  /** performance.now() times: when the device signs in, and after which it starts nothing new. */
  startAt: number;
  deadline: number;
}

/** How many devices may have a live form open at once: a share of the fleet, as in an office. */
export class LiveSlots {
  #free: number;

  constructor(slots: number) {
    this.#free = slots;
  }

  tryTake(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  give(): void {
    this.#free++;
  }
}

/**
 * What the app does on a device that is online, in a loop until the deadline: sign in, hold the
 * site's event stream open, then by turns pull what changed since its checkpoint and push a few
 * edited records, thinking between actions; now and then a live edit over the websocket. Every
 * failure is recorded and the device carries on, as the app would.
 */
export async function runDevice(plan: DevicePlan, run: DeviceRun): Promise<void> {
  const { recorder, random } = run;
  await sleep(Math.max(0, run.startAt - performance.now()));
  const token = await recorder.time('sign-in', () => requestToken(plan.serverUrl, plan.email));
  if (token === undefined) return;
  const client = new BenchClient({ url: plan.serverUrl, token, sockets: 1 });
  const replicas = plan.documents.map((document) => new ReplicaDocument(document));
  const streamPath = `/api/sync/${plan.siteId}/stream`;
  const openStream = async () => {
    const opening = StreamClient.open({ url: plan.serverUrl, path: streamPath, token });
    const opened = await recorder.time('stream-open', () => opening);
    // Timed out but still opening: closed when it opens, or it would stay open unseen.
    if (!opened) opening.then((late) => late.close(), () => undefined);
    return opened;
  };
  let stream = await openStream();
  let checkpoint = plan.checkpoint;
  const think = () => sleep(Math.max(0, Math.min(random.int(THINK_MS.min, THINK_MS.max), run.deadline - performance.now())));
  try {
    while (performance.now() < run.deadline) {
      await think();
      if (performance.now() >= run.deadline) break;
      if (!stream || stream.closed) {
        if (stream) recorder.error('stream', new Error('the server ended the event stream'));
        stream = await openStream();
      }
      checkpoint = await pull({ client, recorder, siteId: plan.siteId, checkpoint, replicas });
      await think();
      if (performance.now() >= run.deadline) break;
      await push({ client, recorder, random, siteId: plan.siteId, replicas });
      await maybeEditLive({ plan, run, token, replicas });
    }
    if (stream?.closed) recorder.error('stream', new Error('the server ended the event stream'));
  } finally {
    stream?.close();
    client.close();
    for (const replica of replicas) replica.destroy();
  }
}

/** Opens one of the device's records live, when a slot is free and the device's dice say so. */
async function maybeEditLive(options: { plan: DevicePlan; run: DeviceRun; token: string; replicas: ReplicaDocument[] }): Promise<void> {
  const { plan, run, replicas } = options;
  if (!run.liveSlots.tryTake()) return;
  try {
    if (!run.random.chance(LIVE_CHANCE)) return;
    const record = replicas[run.random.int(0, replicas.length - 1)];
    const roomUrl = `${plan.serverUrl.replace(/^http/, 'ws')}/api/yjs/${plan.siteId}/${record.id}?token=${options.token}`;
    await editLive({ roomUrl, random: run.random, recorder: run.recorder, deadline: run.deadline });
  } finally {
    run.liveSlots.give();
  }
}

/** Pulls until a page comes back short, as the app's replication does; answers the new checkpoint. */
async function pull(options: {
  client: BenchClient;
  recorder: Recorder;
  siteId: string;
  checkpoint: string;
  replicas: ReplicaDocument[];
}): Promise<string> {
  const { client, recorder, replicas } = options;
  let checkpoint = options.checkpoint;
  for (;;) {
    const path = `/api/sync/${options.siteId}/pull?limit=${MAX_SYNC_BATCH}&checkpoint=${encodeURIComponent(checkpoint)}`;
    const body = await recorder.time('pull', () => client.request('GET', path));
    if (body === undefined) return checkpoint;
    checkpoint = readCheckpoint(body) ?? checkpoint;
    // The device's own pushes come back here with their new serverSeq, which its next push assumes.
    for (const replica of replicas) replica.serverSeq = readServerSeq(body, replica.id) ?? replica.serverSeq;
    if (countDocuments(body) < MAX_SYNC_BATCH) return checkpoint;
  }
}

async function push(options: {
  client: BenchClient;
  recorder: Recorder;
  random: Random;
  siteId: string;
  replicas: ReplicaDocument[];
}): Promise<void> {
  const { client, recorder, random, replicas } = options;
  const count = Math.min(replicas.length, random.int(PUSHED.min, PUSHED.max));
  const first = random.int(0, replicas.length - 1);
  const edited = Array.from({ length: count }, (_, offset) => replicas[(first + offset) % replicas.length]);
  const now = new Date();
  const body = JSON.stringify(edited.map((replica) => replica.followUp(now)));
  const answer = await recorder.time('push', () => client.request('POST', `/api/sync/${options.siteId}/push`, body));
  if (answer === undefined) return;
  const { conflicts, refused } = JSON.parse(answer) as PushResponse;
  recorder.count('documents pushed', count - refused.length);
  recorder.count('conflicts', conflicts.length);
  if (refused.length > 0) recorder.error('push', new Error(`refused: ${JSON.stringify(refused).slice(0, 300)}`));
  for (const merged of conflicts) replicas.find((replica) => replica.id === merged.id)?.catchUp(merged);
}

// The serializer writes each document's properties in schema order, `id` first and `serverSeq`
// last, and the page's `checkpoint` after the documents: a device reads what it needs from the
// text instead of parsing pages of other people's records, which on two cores would load this
// process more than the server.
const SERVER_SEQ = '"serverSeq":';
const CHECKPOINT_AT_END = /"checkpoint":"([^"]+)"\}$/;

function readServerSeq(body: string, id: string): number | undefined {
  const at = body.indexOf(`{"id":"${id}"`);
  if (at === -1) return undefined;
  const seqAt = body.indexOf(SERVER_SEQ, at) + SERVER_SEQ.length;
  return Number.parseInt(body.slice(seqAt, seqAt + 20), 10);
}

function readCheckpoint(body: string): string | undefined {
  return CHECKPOINT_AT_END.exec(body.slice(-200))?.[1];
}

function countDocuments(body: string): number {
  let count = 0;
  for (let at = body.indexOf(SERVER_SEQ); at !== -1; at = body.indexOf(SERVER_SEQ, at + SERVER_SEQ.length)) count++;
  return count;
}
