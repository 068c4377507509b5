import { openSiteDatabase } from '$lib/db';
import { embeddingModelId } from './model-config';
import { semanticWorkerClient, type SemanticCalls } from './semantic-client';
import type { SemanticHit } from './semantic-engine';
import { SemanticFollower, type FollowedRows } from './semantic-follower';
import { setSemanticStatus } from './semantic-status.svelte';
import { SIMILARITY_FLOOR } from './similarity-floor';
import { SemanticUnavailable } from './semantic-unavailable';
import { deleteVectorStore } from './vector-store';

// Our server's copies, and where it serves ONNX Runtime's wasm (see sync-server/plugins/model-files.ts).
const MODELS_PATH = '/models/';
const ORT_PATH = '/ort/';

let worker: Promise<IdleWorker> | undefined;
let calls: Promise<SemanticCalls> | undefined;
const followers = new Map<string, Promise<SemanticFollower>>();

interface IdleWorker {
  worker: Worker;
  client: SemanticCalls;
  /** A service worker controlled the page when it was made, and so controls the worker's fetches. */
  controlled: boolean;
}

/**
 * The worker, idle until a model is started in it. Made at app start, while online, so that its
 * script is on the device (HTTP and service worker caches) before a first search made offline.
 */
function semanticWorker(): Promise<IdleWorker> {
  worker ??= (async () => {
    if (typeof Worker !== 'function') {
      const message = 'Semantic search needs Web Workers, which this browser does not offer.';
      setSemanticStatus({ state: 'unavailable', cause: 'no-worker', done: 0, total: 0, message });
      throw new SemanticUnavailable(message);
    }
    return newWorker();
  })();
  return worker;
}

function newWorker(): IdleWorker {
  const created = new Worker(new URL('./semantic.worker.ts', import.meta.url), { type: 'module' });
  return { worker: created, client: semanticWorkerClient(created, setSemanticStatus), controlled: pageIsControlled() };
}

function pageIsControlled(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.serviceWorker?.controller);
}

/**
 * The worker with its model starting. On a first visit the idle worker can predate the service
 * worker taking control of the page; its downloads would then bypass the service worker's cache and
 * the model would be missing offline. Such a worker is replaced by one the service worker controls.
 */
function semanticCalls(): Promise<SemanticCalls> {
  calls ??= (async () => {
    let idle = await semanticWorker();
    if (!idle.controlled && pageIsControlled()) {
      idle.worker.terminate();
      idle = newWorker();
      worker = Promise.resolve(idle);
    }
    // Not awaited: the model loads in the background while records are handed over.
    idle.client
      .start({ modelId: await embeddingModelId(), localModelPath: MODELS_PATH, allowHub: true, runtimePath: ORT_PATH })
      .catch(() => undefined);
    return idle.client;
  })();
  return calls;
}

/** Loads the semantic worker's script now, without its model (see `semanticWorker`). */
export function prepareSemanticSearch(): void {
  void semanticWorker().catch(() => undefined);
}

// Embedding every record takes minutes of a device's processor (and battery) for a large site, so
// a device starts only once its person shows they search: the search box taking the focus, or a
// search. From then on the device keeps its vectors current in the background at every start.
const WANTED_KEY = 'ims-semantic-search-wanted';

function semanticWanted(): boolean {
  try {
    return localStorage.getItem(WANTED_KEY) === '1';
  } catch {
    return false;
  }
}

/** Keeps these sites' vectors current in the background, once this device has wanted meaning search. */
export function followSemanticSites(siteIds: readonly string[]): void {
  if (!semanticWanted()) return;
  for (const siteId of siteIds) void follower(siteId).catch(() => undefined);
}

/** The person is about to search: start embedding these sites' records now, and at every later start. */
export function wantSemanticSearch(siteIds: readonly string[]): void {
  try {
    localStorage.setItem(WANTED_KEY, '1');
  } catch {
    // Storage refused (private mode): embedding still runs for this visit.
  }
  for (const siteId of siteIds) void follower(siteId).catch(() => undefined);
}

function follower(siteId: string): Promise<SemanticFollower> {
  let starting = followers.get(siteId);
  if (!starting) {
    starting = (async () => {
      const [backend, { interactions }] = await Promise.all([semanticCalls(), openSiteDatabase(siteId)]);
      const started = new SemanticFollower({ siteId, rows: interactions as unknown as FollowedRows, backend });
      // Without a model the engine refuses every record: stop asking (the status already says why),
      // and leave no promise rejected with nobody to hear it (an uncaught error in the page).
      started.ready.catch(() => started.stop());
      return started;
    })();
    followers.set(siteId, starting);
    starting.catch(() => followers.delete(siteId));
  }
  return starting;
}

/**
 * The k records of these sites closest in meaning to the query, best first, above the similarity
 * floor; a record scores as its best chunk. Records not yet embedded are not found yet. Rejects
 * with `SemanticUnavailable` when no model could be loaded.
 */
export async function semanticSearch(siteIds: string[], query: string, k: number): Promise<SemanticHit[]> {
  wantSemanticSearch(siteIds);
  const backend = await semanticCalls();
  return backend.search({ siteIds, query, k, floor: SIMILARITY_FLOOR });
}

/** Stops following the site and deletes its vectors from the device (a purge). */
export async function removeSemanticIndex(siteId: string): Promise<void> {
  const following = followers.get(siteId);
  followers.delete(siteId);
  (await following?.catch(() => undefined))?.stop();
  const backend = await calls?.catch(() => undefined);
  if (backend) await backend.dropSite(siteId);
  else await deleteVectorStore(indexedDB, siteId);
}
