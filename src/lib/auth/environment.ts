/** The browser facilities auth uses, passed in so tests can run the real logic in Node. */
export interface AuthEnvironment {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now: () => number;
  origin: () => string;
  isOnline: () => boolean;
  /** Calls `listener` whenever the browser regains a connection; returns the unsubscribe. */
  onOnline: (listener: () => void) => () => void;
  /** Calls `listener` whenever the person comes back to the app (the window regains focus or is shown again). */
  onReturn: (listener: () => void) => () => void;
  /** Calls `listener` every `ms` milliseconds; returns the stop. */
  every: (ms: number, listener: () => void) => () => void;
}

/**
 * The real browser. Every member reaches for its global only when called: the build imports this
 * module on the server (for the layout's options), where none of them exist.
 */
export const browserEnvironment: AuthEnvironment = {
  fetch: (input, init) => fetch(input, init),
  storage: {
    getItem: (key) => localStorage.getItem(key),
    setItem: (key, value) => localStorage.setItem(key, value),
    removeItem: (key) => localStorage.removeItem(key)
  },
  now: () => Date.now(),
  origin: () => location.origin,
  isOnline: () => navigator.onLine,
  onOnline(listener) {
    addEventListener('online', listener);
    return () => removeEventListener('online', listener);
  },
  onReturn(listener) {
    const shown = () => {
      if (document.visibilityState === 'visible') listener();
    };
    addEventListener('focus', listener);
    document.addEventListener('visibilitychange', shown);
    return () => {
      removeEventListener('focus', listener);
      document.removeEventListener('visibilitychange', shown);
    };
  },
  every(ms, listener) {
    const timer = setInterval(listener, ms);
    return () => clearInterval(timer);
  }
};
