import { loadAuthSettings } from './client-config';
import type { AuthEnvironment } from './environment';
import { SignInRequiredError, UnsyncedChangesError } from './errors';
import { fetchIdentity, identityCache } from './identity';
import { safeReturnTo } from './return-to';
import type { AuthClient, AuthSettings, Identity, LocalDataHooks, SessionState, TokenProvider } from './types';

// Often enough that a membership granted elsewhere shows within minutes, rare enough to cost nothing.
export const SESSION_REFRESH_MS = 3 * 60_000;

export interface AuthClientOptions {
  /** Mutated in place: pass a `$state` object and the UI follows it. */
  state: SessionState;
  environment: AuthEnvironment;
  providerFor: (settings: AuthSettings, environment: AuthEnvironment) => Promise<TokenProvider>;
  localData: () => LocalDataHooks;
}

export function initialSessionState(): SessionState {
  return { status: 'starting', mode: null, user: null, sites: [], verified: false, reauthRequired: false };
}

/**
 * The session, offline first: a start with a cached identity shows the last user's data at once and
 * confirms it with the server in the background; only a device nobody has signed in on waits for it.
 */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const { state, environment: env } = options;
  const cache = identityCache(env);
  let provider: Promise<TokenProvider> | undefined;
  let started: Promise<void> | undefined;
  let refreshing: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  // Bumped by sign-in and sign-out, so a background refresh that started before cannot bring back
  // the previous user when it finishes late.
  let generation = 0;

  function tokenProvider(): Promise<TokenProvider> {
    return provider ?? Promise.reject(new SignInRequiredError('The server could not be reached to set up sign-in.'));
  }

  async function boot(): Promise<void> {
    const settings = await loadAuthSettings(env);
    if (settings) {
      state.mode = settings.mode;
      provider = options.providerFor(settings, env);
      // Not awaited here; whoever needs it awaits it. This keeps the rejection from going unhandled.
      provider.catch(() => undefined);
    }
    env.onOnline(() => {
      if (state.status === 'signed-in') void refresh();
    });
    // A membership granted elsewhere (a new site, a role changed while no stream of ours was open)
    // reaches an open app this way; role changes on a site it syncs come sooner, by its stream.
    env.onReturn(refreshWhenIdle);
    env.every(SESSION_REFRESH_MS, refreshWhenIdle);

    const cached = cache.read();
    if (cached) {
      adopt(cached, false);
      void refresh();
      return;
    }
    // Nothing cached, yet the provider may still hold a session (a reload straight after sign-in).
    await refresh();
    if (state.status !== 'signed-in') signedOut();
  }

  function adopt(identity: Identity, verified: boolean): void {
    state.user = identity.user;
    state.sites = identity.sites;
    state.verified = verified;
    state.status = 'signed-in';
  }

  function signedOut(): void {
    Object.assign(state, { status: 'signed-out', user: null, sites: [], verified: false, reauthRequired: false });
  }

  async function loadIdentity(): Promise<void> {
    const startedIn = generation;
    const identity = await fetchIdentity(env, await getAccessToken());
    if (startedIn !== generation) return;
    cache.write(identity);
    adopt(identity, true);
    state.reauthRequired = false;
  }

  function readOnce(): Promise<void> {
    return loadIdentity().catch((error: unknown) => {
      // Offline or the server down: keep what we have, it is confirmed at the next chance.
      if (error instanceof SignInRequiredError && state.status === 'signed-in') state.reauthRequired = true;
    });
  }

  function refresh(): Promise<void> {
    if (refreshing) {
      // The read under way may have left before the change that prompted this call: read again after it.
      again ??= refreshing.then(() => {
        again = undefined;
        return refresh();
      });
      return again;
    }
    refreshing = readOnce().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** For routine checks: nothing to add while a read is under way or nobody is signed in. */
  function refreshWhenIdle(): void {
    if (state.status === 'signed-in' && !refreshing && env.isOnline()) void refresh();
  }

  async function getAccessToken(): Promise<string> {
    return (await tokenProvider()).getAccessToken();
  }

  return {
    session: state,
    start() {
      started ??= boot();
      return started;
    },
    async signIn(signInOptions) {
      generation += 1;
      const outcome = await (await tokenProvider()).signIn(signInOptions);
      if (outcome === 'done') await loadIdentity();
      return outcome;
    },
    async completeSignIn(callbackUrl) {
      const returnTo = await (await tokenProvider()).completeSignIn(callbackUrl);
      await loadIdentity();
      return safeReturnTo(returnTo);
    },
    getAccessToken,
    refresh,
    countUnsynced: () => options.localData().countUnsynced(),
    async signOut({ removeLocalData, acknowledgedUnsynced = 0 }) {
      if (removeLocalData) {
        const localData = options.localData();
        // Counted again here, not trusted from the dialog: changes made since it opened count too.
        const unsynced = await localData.countUnsynced();
        if (unsynced > acknowledgedUnsynced) throw new UnsyncedChangesError(unsynced);
        await localData.wipeLocalData();
      }
      generation += 1;
      cache.clear();
      signedOut();
      return provider ? (await provider).signOut({ online: env.isOnline() }) : 'done';
    }
  };
}
