// Real RxDB clients (Dexie over fake-indexeddb) replicating with the real server over loopback HTTP.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin, removeRxDatabase } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { dexieStorage } from '$lib/db/dexie-storage';
import { deleteIndexedDbDatabases } from '$lib/db/indexeddb-cleanup';
import { createSiteDatabase, type AnyRxStorage, type SiteDatabase } from '$lib/db/site-database';
import { replicateSite, type SiteReplication } from '$lib/sync/site-replication';
import type { SiteSyncStatus } from '$lib/sync/sync-status';
import { createSyncApi, type SyncApi } from '$lib/sync/sync-api';
import { afterAll, beforeAll } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import type { TestDatabase } from '../helpers/test-databases';

// Dev mode lets one process open the same database name once per simulated device.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);

/** A loopback connection that a test can cut, as a device losing its network would. */
export class Network {
  online = true;
  readonly #inFlight = new Set<AbortController>();

  readonly fetch: typeof fetch = async (input, init) => {
    if (!this.online) throw new TypeError('fetch failed: the device is offline');
    const controller = new AbortController();
    const abort = () => controller.abort(init?.signal?.reason);
    init?.signal?.addEventListener('abort', abort);
    this.#inFlight.add(controller);
    try {
      return await fetch(input, { ...init, signal: controller.signal });
    } finally {
      // A streamed body outlives the call; it is cut when the device goes offline.
      if (!init?.headers || new Headers(init.headers).get('accept') !== 'text/event-stream') {
        this.#inFlight.delete(controller);
      }
    }
  };

  goOffline(): void {
    this.online = false;
    for (const controller of this.#inFlight) controller.abort(new TypeError('fetch failed: the device went offline'));
    this.#inFlight.clear();
  }

  goOnline(): void {
    this.online = true;
  }
}

/** One device: its own IndexedDB and site database, and a network to the server as one user. */
export interface Device {
  database: SiteDatabase;
  network: Network;
  api: SyncApi;
  /** Closes and deletes the device's database as the app's purge does (removeSiteDatabase). */
  remove(): Promise<void>;
  /** The IndexedDB databases the device still holds for its site. */
  storedDatabases(): Promise<string[]>;
}

export interface DeviceOptions {
  fixture: ApiFixture;
  baseUrl: string;
  email: string;
  siteId: string;
}

export interface Replica {
  database: SiteDatabase;
  replication: SiteReplication;
  network: Network;
  status(): SiteSyncStatus;
  close(): Promise<void>;
}

export interface ReplicaOptions extends DeviceOptions {
  onAccessChanged?: () => void;
}

/** Replication settings for tests: quick retries, and every device replicates without electing a tab. */
export const TEST_REPLICATION = { retryTime: 100, streamRetryMs: [100], waitForLeadership: false };

/** Starts an app on a loopback port; returns its base URL. */
export async function listen({ app }: { app: FastifyInstance }): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

let devices = 0;

/**
 * Closes the fixture's server. Devices that went offline mid-request left requests half sent,
 * which the server would otherwise wait out (Node's request timeout) before closing.
 */
export async function closeFixture(fixture: ApiFixture): Promise<void> {
  fixture.app.server.closeAllConnections();
  await fixture.dispose();
}

/** A device that does not replicate yet: for a caller that runs replication itself (SyncManager). */
export async function openDevice(options: DeviceOptions): Promise<Device> {
  const indexedDB = new IDBFactory();
  // Schema validation on every write, so a pulled document the local schema refuses fails the test.
  const storage = wrappedValidateAjvStorage({ storage: dexieStorage({ indexedDB, IDBKeyRange }) }) as AnyRxStorage;
  const database = await createSiteDatabase({
    siteId: options.siteId,
    storage,
    ignoreDuplicate: true,
    multiInstance: false,
    deviceSuffix: `device${++devices}`
  });
  const network = new Network();
  const token = await options.fixture.token(options.email);
  const name = database.rxDatabase.name;
  return {
    database,
    network,
    api: createSyncApi({ baseUrl: options.baseUrl, fetch: network.fetch, getAccessToken: async () => token }),
    async remove() {
      await database.rxDatabase.close();
      await removeRxDatabase(name, storage);
      await deleteIndexedDbDatabases(indexedDB, name);
    },
    async storedDatabases() {
      const listed = await indexedDB.databases();
      return listed.flatMap(({ name: stored }) => (stored?.startsWith(`rxdb-dexie-${name}--`) ? [stored] : []));
    }
  };
}

/** One device replicating its site as `email`. */
export async function openReplica(options: ReplicaOptions): Promise<Replica> {
  const { database, network, api } = await openDevice(options);
  const replication = replicateSite({ database, api, ...TEST_REPLICATION, onAccessChanged: options.onAccessChanged });
  return {
    database,
    replication,
    network,
    status: () => replication.status$.value,
    async close() {
      network.goOffline();
      await replication.stop();
      await database.rxDatabase.close();
    }
  };
}

export interface ReplicaServer {
  readonly fixture: ApiFixture;
  /** A device of `email` replicating a site (Leeds unless named), closed after the suite. */
  device(email: string, siteId?: string): Promise<Replica>;
}

/** For a suite: the real server listening on loopback, and devices that are all closed after it. */
export function useReplicaServer(testDatabase: TestDatabase): ReplicaServer {
  let fixture: ApiFixture | undefined;
  let baseUrl = '';
  const replicas: Replica[] = [];
  beforeAll(async () => {
    fixture = await openApiFixture(testDatabase);
    baseUrl = await listen(fixture);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    if (fixture) await closeFixture(fixture);
  });
  const opened = () => {
    if (!fixture) throw new Error('The replica server starts in beforeAll.');
    return fixture;
  };
  return {
    get fixture() {
      return opened();
    },
    async device(email, siteId = LEEDS.id) {
      const replica = await openReplica({ fixture: opened(), baseUrl, email, siteId });
      replicas.push(replica);
      return replica;
    }
  };
}
