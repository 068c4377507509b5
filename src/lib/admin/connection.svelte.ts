import { AdminOfflineError } from './admin-errors';

/**
 * Whether administration can reach the server, as the screens show it: the browser's own online
 * state, and whether the last request failed for the network (the browser may think it is online
 * behind a dead link). Any answer from the server, even a refusal, proves the link again.
 */
class AdminConnection {
  browserOnline = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  unreachable = $state(false);

  constructor() {
    if (typeof window === 'undefined') return;
    addEventListener('online', () => {
      this.browserOnline = true;
      this.unreachable = false;
    });
    addEventListener('offline', () => (this.browserOnline = false));
  }

  get available(): boolean {
    return this.browserOnline && !this.unreachable;
  }

  /** Notes what a request's outcome says about the link; call with each failure or success. */
  observe(outcome: unknown): void {
    this.unreachable = outcome instanceof AdminOfflineError;
  }
}

export const adminConnection = new AdminConnection();
