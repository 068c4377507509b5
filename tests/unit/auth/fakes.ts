import { createAuthClient, initialSessionState } from '$lib/auth/auth-client';
import { createDevProvider } from '$lib/auth/dev-provider';
import type { AuthEnvironment } from '$lib/auth/environment';
import type { AuthClient, LocalDataHooks, SessionSite, SessionUser } from '$lib/auth/types';

export const ADA: SessionUser = {
  id: '05e40000-0000-4000-8000-000000000001',
  email: 'ada@example.org',
  name: 'Ada Lindqvist',
  orgAdmin: true
};
export const LEEDS_ADMIN: SessionSite = {
  id: '517e0000-0000-4000-8000-000000000001',
  name: 'Leeds Community Hub',
  description: null,
  interactionTypes: ['Meeting'],
  retiredInteractionTypes: ['Drop-in'],
  timeZone: 'Europe/London',
  role: 'admin'
};

type Handler = (request: { body: unknown; headers: Headers }) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A stand-in for the sync server: routes keyed "METHOD /path"; unrouted requests fail like a dead network. */
export class FakeServer {
  routes = new Map<string, Handler>();
  calls: { route: string; authorization: string | null; body: unknown }[] = [];
  offline = false;

  on(route: string, handler: Handler): this {
    this.routes.set(route, handler);
    return this;
  }

  /** The dev issuer, the profile and the sites routes, answering as the real server does for Ada. */
  static signedInAs(user = ADA, sites = [LEEDS_ADMIN], expiresIn = 3600): FakeServer {
    let issued = 0;
    return new FakeServer()
      .on('GET /api/config', () => json({ auth: { mode: 'dev' } }))
      .on('POST /api/auth/dev/token', () => json({ access_token: `token-${++issued}`, token_type: 'Bearer', expires_in: expiresIn }))
      .on('GET /api/users/profile', () => json({ ...user, extra: 'not cached' }))
      .on('GET /api/users/sites', () => json(sites));
  }

  count(route: string): number {
    return this.calls.filter((call) => call.route === route).length;
  }

  fetch: typeof fetch = async (input, init = {}) => {
    const route = `${init.method ?? 'GET'} ${String(input)}`;
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    this.calls.push({ route, authorization: headers.get('authorization'), body });
    const handler = this.routes.get(route);
    if (this.offline || !handler) throw new TypeError('Failed to fetch');
    return handler({ body, headers });
  };
}

export class FakeStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

export interface Harness {
  client: AuthClient;
  server: FakeServer;
  storage: FakeStorage;
  clock: { now: number };
  /** Simulates the browser's `online` event. */
  goOnline(): void;
  /** Simulates the person coming back to the window. */
  comeBack(): void;
  /** Simulates one tick of the routine refresh timer, and the interval it was set to. */
  tick(): void;
  timer: { ms: number | null };
}

/** A client wired like the app's, with the dev provider, a fake server, storage and clock. */
export function harness(options: { server?: FakeServer; storage?: FakeStorage; localData?: LocalDataHooks } = {}): Harness {
  const server = options.server ?? FakeServer.signedInAs();
  const storage = options.storage ?? new FakeStorage();
  const clock = { now: Date.parse('2025-03-01T09:00:00Z') };
  const listeners = new Set<() => void>();
  const returnListeners = new Set<() => void>();
  const timerListeners = new Set<() => void>();
  const timer = { ms: null as number | null };
  const environment: AuthEnvironment = {
    fetch: server.fetch,
    storage,
    now: () => clock.now,
    origin: () => 'https://ims.example.org',
    isOnline: () => !server.offline,
    onOnline(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReturn(listener) {
      returnListeners.add(listener);
      return () => returnListeners.delete(listener);
    },
    every(ms, listener) {
      timer.ms = ms;
      timerListeners.add(listener);
      return () => timerListeners.delete(listener);
    }
  };
  const localData = options.localData ?? { countUnsynced: async () => 0, wipeLocalData: async () => undefined };
  const client = createAuthClient({
    state: initialSessionState(),
    environment,
    providerFor: async () => createDevProvider(environment),
    localData: () => localData
  });
  return {
    client,
    server,
    storage,
    clock,
    timer,
    goOnline: () => listeners.forEach((listener) => listener()),
    comeBack: () => returnListeners.forEach((listener) => listener()),
    tick: () => timerListeners.forEach((listener) => listener())
  };
}
