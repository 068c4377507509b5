import { dev } from '$app/environment';
import { readonly, writable } from 'svelte/store';

const updateAvailableStore = writable(false);

/** True when a newer version of the app is installed and waits for the user to accept it. */
export const updateAvailable = readonly(updateAvailableStore);

let registration: ServiceWorkerRegistration | undefined;
let started = false;
let reloadRequested = false;

/**
 * Registers the service worker (production builds only; in dev it would serve stale modules) and
 * watches for new versions. Safe to call more than once.
 */
export function registerServiceWorker(): void {
  if (started || dev || !('serviceWorker' in navigator)) return;
  started = true;
  const container = navigator.serviceWorker;
  // No controller means this is the first install, which is not an update worth prompting for.
  const hadController = container.controller !== null;

  container.addEventListener('controllerchange', () => {
    if (reloadRequested) {
      reloadRequested = false;
      location.reload();
    } else if (hadController) {
      // Another tab accepted the update: this tab still runs the old code under the new worker.
      updateAvailableStore.set(true);
    }
  });

  container
    .register('/service-worker.js')
    .then((registered) => {
      registration = registered;
      watchForUpdates(registered);
    })
    .catch((error: unknown) => console.error('service worker registration failed', error));
}

function watchForUpdates(registered: ServiceWorkerRegistration): void {
  const announceIfWaiting = () => {
    if (registered.waiting && navigator.serviceWorker.controller) updateAvailableStore.set(true);
  };
  announceIfWaiting();
  registered.addEventListener('updatefound', () => {
    registered.installing?.addEventListener('statechange', announceIfWaiting);
  });
  // The browser checks on navigation only; a tab left open for days would otherwise never hear.
  const check = () => void registered.update().catch(() => undefined);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  addEventListener('online', check);
}

/** Activates the waiting version and reloads once it controls the page. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) {
    // Already activated (by another tab): only this tab's code is old.
    location.reload();
    return;
  }
  reloadRequested = true;
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
