/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// The app shell for offline use. Data never passes through here: the local database is the offline
// store, so /api/ requests always go to the network and fail visibly when it is down.
import { base, build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE_PREFIX = 'app-shell-';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${version}`;
// Not versioned: model files are large and do not change with the app, so they survive updates.
const MODELS_CACHE = 'models-v1';
const MODELS_PATH = `${base}/models/`;
// ONNX Runtime's wasm, which runs the models: cached with them, so semantic search works offline.
const ORT_PATH = `${base}/ort/`;
const API_PATH = `${base}/api/`;
const WORKERS_PATH = `${base}/_app/immutable/workers/`;
// SPA fallback page: the server answers every page path with it, so one cached copy serves them all.
const SHELL_PAGE = `${base}/`;
// Past this a bad connection is treated as none; the cached shell is better than a blank tab.
const NAVIGATION_TIMEOUT_MS = 3000;

// Not the bundler's copy of ONNX Runtime's wasm (21 MB): the worker loads the one under ORT_PATH,
// cached on first use, so installing the app stays light for people who never search by meaning.
const PRECACHED = new Set([
  ...build.filter((path) => !path.endsWith('.wasm')),
  ...files.filter((path) => !path.startsWith(MODELS_PATH)),
  SHELL_PAGE
]);

sw.addEventListener('install', (event) => {
  // No skipWaiting(): a new version waits until the user accepts the update prompt.
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll([...PRECACHED])));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Only our own old shells: other caches (models, libraries' own) are not ours to drop.
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE).map((name) => caches.delete(name))
      );
      // Control the first tab right away, so it works offline without a reload.
      await sw.clients.claim();
    })()
  );
});

sw.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin || url.pathname.startsWith(API_PATH)) return;

  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(SHELL_CACHE, request));
  } else if (url.pathname.startsWith(WORKERS_PATH)) {
    // The build list omits Web Worker scripts; they are kept with this version's shell once loaded.
    event.respondWith(cacheFirst(SHELL_CACHE, request, { storeOnMiss: true }));
  } else if (url.pathname.startsWith(MODELS_PATH) || url.pathname.startsWith(ORT_PATH)) {
    event.respondWith(cacheFirst(MODELS_CACHE, request, { storeOnMiss: true }));
  }
});

async function networkFirstShell(request: Request): Promise<Response> {
  const network = fetch(request);
  // If the timeout wins, a later network failure has nobody waiting for it.
  network.catch(() => undefined);
  const timeout = new Promise<undefined>((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, undefined));
  try {
    const response = await Promise.race([network, timeout]);
    if (response && response.status < 500) return response;
  } catch {
    // Offline or refused: fall through to the cached shell.
  }
  // The navigation response is never written back: the cached page must keep pointing at the
  // assets precached with it, or an offline load after a deploy would ask for files we lack.
  const cached = await caches.match(SHELL_PAGE, { cacheName: SHELL_CACHE });
  return cached ?? network;
}

async function cacheFirst(cacheName: string, request: Request, { storeOnMiss = false } = {}): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole, successful responses: a 206 (range) or an error page must not be served later.
  if (storeOnMiss && response.status === 200) await cache.put(request, response.clone());
  return response;
}
