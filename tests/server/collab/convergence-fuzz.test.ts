// Property test of the whole sync design: replicas of one record editing at random, going offline,
// syncing live over the websocket endpoint and through replication's push and pull, must end
// identical, with every character that no replica deleted still there.
//
// Seeded and replayable: FUZZ_SEED=<n> runs that one seed; FUZZ_SEEDS (200) and FUZZ_FIRST_SEED (1)
// choose a range; FUZZ_OPS (14) is the number of steps per seed. The operations a seed makes are
// fixed by it; how live messages interleave with them depends on timing, so a failure is replayed
// by running its seed again (a few times if need be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { TEXT_FIELDS, type InteractionFields } from '../../../src/lib/domain';
import { applyInteractionChange, decodeInteractionState, encodeInteractionState, isInteractionDeleted, markInteractionDeleted, readInteractionFields } from '../../../src/lib/domain/crdt';
import type { SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, pull, push, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../sync/replica';
import { collabServerUrl, listen, roomsClosed } from './collab-client';
import { createRandom, type Random } from './fuzz-random';

const SEEDS = seedsToRun();
const OPS = Number(process.env.FUZZ_OPS ?? 14);
// Seeds run a batch at a time, each on its own record, so the server sees concurrent rooms too.
const BATCH = 10;
const REPLICAS = 5;
// Ada is admin (may delete any record), Ben a user who made the record (may delete his own).
const EMAILS = ['ben@example.org', 'ada@example.org'];
// Every field a person types in is a text that must merge, the short ones included.
const TEXTS = TEXT_FIELDS;
const SCALARS: Partial<Record<keyof InteractionFields, string[]>> = {
  type: ['Meeting', 'Call'],
  timezone: ['Europe/London', 'Europe/Paris', 'America/Toronto']
};

function seedsToRun(): number[] {
  if (process.env.FUZZ_SEED) return [Number(process.env.FUZZ_SEED)];
  const first = Number(process.env.FUZZ_FIRST_SEED ?? 1);
  return Array.from({ length: Number(process.env.FUZZ_SEEDS ?? 200) }, (_, index) => first + index);
}

/** One device's copy of the record: its document, how it is connected, what it last pulled. */
interface Device {
  index: number;
  email: string;
  doc: Y.Doc;
  online: boolean;
  provider?: WebsocketProvider;
  checkpoint: string | null;
  master: SyncDocument | null;
}

/** What a seed did, for the property: markers inserted, and those some replica deleted. */
interface Ledger {
  inserted: Set<string>;
  deleted: Set<string>;
  log: string[];
}

const TOKEN = /\{[^{}]*\}/g;

describe.each(testDatabases)('convergence fuzz on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;

  // Every WebsocketProvider in Node listens for the process's exit; a batch holds BATCH × REPLICAS.
  const listenerLimit = process.getMaxListeners();
  beforeAll(async () => {
    process.setMaxListeners(listenerLimit + BATCH * REPLICAS);
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
  });
  afterAll(async () => {
    process.setMaxListeners(listenerLimit);
    api?.app.server.closeAllConnections();
    await api?.dispose();
  });

  it(`converges for ${SEEDS.length} seeds of ${OPS} steps`, { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (let start = 0; start < SEEDS.length; start += BATCH) {
      const batch = SEEDS.slice(start, start + BATCH);
      const runs = await Promise.all(batch.map((seed) => runSeed(seed)));
      // Quiescence: every socket closed and every room written, then each replica pushes what it
      // has and takes the server's merged state, as replication does when it comes back online.
      for (const { devices } of runs) for (const device of devices) device.provider?.destroy();
      await roomsClosed(api.app);
      for (const run of runs) {
        const problem = await settleAndCheck(run.devices, run.id, run.ledger).catch((error: unknown) => String(error));
        if (problem) failures.push(`seed ${run.seed}: ${problem}\n  steps: ${run.ledger.log.join(', ')}\n  replay: FUZZ_SEED=${run.seed}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  async function runSeed(seed: number): Promise<{ seed: number; id: string; devices: Device[]; ledger: Ledger }> {
    const random = createRandom(seed);
    const ledger: Ledger = { inserted: new Set(['{init}']), deleted: new Set(), log: [] };
    const origin = Replica.create({ description: '{init}', notes: '' }, LEEDS.id);
    await pushAndAdopt(api, EMAILS[0], [origin]);
    const created = await storedDocument(api, origin.id);
    const devices: Device[] = Array.from({ length: REPLICAS }, (_, index) => ({
      index,
      email: EMAILS[index % EMAILS.length],
      doc: decodeInteractionState(fromBase64(created.crdt), origin.id),
      online: true,
      checkpoint: null,
      master: created
    }));
    for (let step = 0; step < OPS; step++) {
      const device = random.pick(devices);
      await act(random, device, ledger, origin.id);
      // Lets live messages in flight arrive between steps, as they would between keystrokes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { seed, id: origin.id, devices, ledger };
  }

  async function act(random: Random, device: Device, ledger: Ledger, id: string): Promise<void> {
    const roll = random.next();
    const name = `r${device.index}`;
    if (roll < 0.3) {
      const field = random.pick(TEXTS);
      const marker = `{${name}.${ledger.inserted.size}}`;
      const text = device.doc.getText(field);
      // Markers go between whole markers, so no insert ever splits another one.
      const bounds = [0, ...[...text.toString().matchAll(TOKEN)].map((match) => match.index + match[0].length)];
      text.insert(random.pick(bounds), marker);
      ledger.inserted.add(marker);
      ledger.log.push(`${name} insert ${field}`);
    } else if (roll < 0.42) {
      const field = random.pick(TEXTS);
      const text = device.doc.getText(field);
      const tokens = [...text.toString().matchAll(TOKEN)];
      if (tokens.length === 0) return;
      const first = random.int(tokens.length);
      const count = 1 + random.int(Math.min(2, tokens.length - first));
      const from = tokens[first].index;
      const last = tokens[first + count - 1];
      for (const token of tokens.slice(first, first + count)) ledger.deleted.add(token[0]);
      text.delete(from, last.index + last[0].length - from);
      ledger.log.push(`${name} delete ${field}`);
    } else if (roll < 0.55) {
      const [field, values] = random.pick(Object.entries(SCALARS)) as [keyof InteractionFields, string[]];
      applyInteractionChange(device.doc, { [field]: random.pick(values) });
      ledger.log.push(`${name} set ${field}`);
    } else if (roll < 0.58) {
      markInteractionDeleted(device.doc);
      ledger.log.push(`${name} delete record`);
    } else if (roll < 0.68) {
      device.online = !device.online;
      ledger.log.push(`${name} ${device.online ? 'online' : 'offline'}`);
      if (!device.online) device.provider?.disconnect();
    } else if (roll < 0.8) {
      if (!device.online) return;
      if (device.provider?.shouldConnect) {
        device.provider.disconnect();
        ledger.log.push(`${name} live off`);
      } else {
        await goLive(device, id);
        ledger.log.push(`${name} live on`);
      }
    } else if (roll < 0.9) {
      if (!device.online) return;
      await pushDevice(device, id);
      ledger.log.push(`${name} push`);
    } else {
      if (!device.online) return;
      await pullDevice(device, id, false);
      ledger.log.push(`${name} pull`);
    }
  }

  async function goLive(device: Device, id: string): Promise<void> {
    if (device.provider) return device.provider.connect();
    device.provider = new WebsocketProvider(collabServerUrl(baseUrl), id, device.doc, {
      params: { token: await api.token(device.email) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true
    });
  }

  async function pushDevice(device: Device, id: string): Promise<void> {
    const row = {
      assumedMasterState: device.master,
      newDocumentState: { ...(device.master as SyncDocument), id, crdt: Buffer.from(encodeInteractionState(device.doc)).toString('base64') }
    };
    const outcome = await push(api, device.email, [row]);
    if (outcome.refused.length > 0) throw new Error(`push refused: ${JSON.stringify(outcome.refused)}`);
    // A conflict answer is the server's merged version: the replica takes it in, as RxDB's handler does.
    for (const conflict of outcome.conflicts) absorb(device, conflict);
  }

  async function pullDevice(device: Device, id: string, settle: boolean): Promise<void> {
    const page = await pull(api, device.email, { checkpoint: device.checkpoint, limit: 1_000, settle });
    device.checkpoint = page.checkpoint ?? device.checkpoint;
    for (const document of page.documents) if (document.id === id) absorb(device, document);
  }

  function absorb(device: Device, document: SyncDocument): void {
    Y.applyUpdate(device.doc, fromBase64(document.crdt));
    device.master = document;
  }

  async function settleAndCheck(devices: Device[], id: string, ledger: Ledger): Promise<string | undefined> {
    for (const device of devices) await pushDevice(device, id);
    const server = await storedDocument(api, id);
    for (const device of devices) absorb(device, server);

    const serverDoc = decodeInteractionState(fromBase64(server.crdt), id);
    const expected = { ...readInteractionFields(serverDoc), deleted: isInteractionDeleted(serverDoc) };
    const stored = Object.fromEntries(Object.keys(readInteractionFields(serverDoc)).map((key) => [key, server[key as keyof SyncDocument]]));
    for (const key of ['startDatetime', 'endDatetime'] as const) stored[key] = expected[key];
    if (JSON.stringify({ ...stored, deleted: server.deleted }) !== JSON.stringify(expected)) {
      return `the stored columns differ from the stored document: ${JSON.stringify(stored)} vs ${JSON.stringify(expected)}`;
    }
    for (const device of devices) {
      const held = { ...readInteractionFields(device.doc), deleted: isInteractionDeleted(device.doc) };
      if (JSON.stringify(held) !== JSON.stringify(expected)) {
        return `replica r${device.index} differs from the server: ${JSON.stringify(held)} vs ${JSON.stringify(expected)}`;
      }
    }
    const text = TEXT_FIELDS.map((field) => expected[field] ?? '').join('');
    for (const marker of ledger.inserted) {
      if (ledger.deleted.has(marker)) continue;
      const count = text.split(marker).length - 1;
      if (count !== 1) return `marker ${marker} appears ${count} times in ${JSON.stringify(text)}`;
    }
    return undefined;
  }
});
