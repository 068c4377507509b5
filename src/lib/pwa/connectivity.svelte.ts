// Whether the device has a network at all. It says nothing about whether the sync server answers:
// a captive portal or a down server still reads as online, so sync reports its own state.
class Connectivity {
  #online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  constructor() {
    if (typeof window === 'undefined') return;
    // Lives as long as the app, so the listeners are never removed.
    window.addEventListener('online', () => (this.#online = true));
    window.addEventListener('offline', () => (this.#online = false));
  }

  get online(): boolean {
    return this.#online;
  }
}

/** Reactive network state, shared by every component that shows or depends on it. */
export const connectivity = new Connectivity();
