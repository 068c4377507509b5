import type { Role, Site } from '$lib/domain';

export type AuthMode = 'dev' | 'auth0';

/** How the app signs in, as served by GET /api/config. */
export type AuthSettings =
  | { mode: 'dev' }
  | { mode: 'auth0'; domain: string; clientId: string; audience: string };

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** An organisation administrator: may create and run every site, whatever their site roles. */
  orgAdmin: boolean;
}

/** A site the user belongs to, with their role there: what the UI mirrors with `roleAllows`. */
export interface SessionSite extends Site {
  /** IANA zone the site works in: where a new record's times are read by default. */
  timeZone: string;
  /** Types removed from the site: kept on the records that have them, still a Finder filter. */
  retiredInteractionTypes: string[];
  role: Role;
}

/** Who is signed in and where: what is cached on the device for offline starts. */
export interface Identity {
  user: SessionUser;
  sites: SessionSite[];
}

export type SessionStatus = 'starting' | 'signed-in' | 'signed-out';

export interface SessionState {
  status: SessionStatus;
  /** Null until the server's settings are known (first start offline: nobody can sign in yet). */
  mode: AuthMode | null;
  user: SessionUser | null;
  sites: SessionSite[];
  /** True once the server has confirmed the identity in this run; false while it comes from the cache. */
  verified: boolean;
  /** The server refused our credentials: local data stays usable, sync waits for a new sign-in. */
  reauthRequired: boolean;
}

export interface SignInOptions {
  /** Dev mode only: whose token to ask the dev issuer for. */
  email?: string;
  /** Where to go after an Auth0 redirect round trip; a same-origin path. */
  returnTo?: string;
}

/** `redirecting`: the browser is leaving for the identity provider; do not navigate yourself. */
export type AuthOutcome = 'done' | 'redirecting';

export interface SignOutOptions {
  removeLocalData: boolean;
  /**
   * How many unsynced changes the user was warned about and agreed to lose. Removal is refused
   * (UnsyncedChangesError) when more are pending than that, so nothing is lost unannounced.
   */
  acknowledgedUnsynced?: number;
}

/** What `$lib/db` provides to sign-out; registered with `registerLocalData`, so auth never imports it. */
export interface LocalDataHooks {
  countUnsynced: () => Promise<number>;
  wipeLocalData: () => Promise<void>;
}

/** One way of getting access tokens: the dev issuer or Auth0. */
export interface TokenProvider {
  signIn(options: SignInOptions): Promise<AuthOutcome>;
  /** Finishes a redirect sign-in at /login/callback; returns the `returnTo` it started with. */
  completeSignIn(callbackUrl: string): Promise<string | undefined>;
  /** A token valid for at least another minute; SignInRequiredError when there is no session. */
  getAccessToken(): Promise<string>;
  /** Forgets the tokens on this device; online, also ends the provider's own session. */
  signOut(options: { online: boolean }): Promise<AuthOutcome>;
}

export interface AuthClient {
  /** Runes state: read it in components and it stays current. */
  readonly session: SessionState;
  /** Restores the session (from the device first, then the server); safe to call repeatedly. */
  start(): Promise<void>;
  signIn(options: SignInOptions): Promise<AuthOutcome>;
  /** Completes an Auth0 redirect; returns the safe path to continue to. */
  completeSignIn(callbackUrl: string): Promise<string>;
  getAccessToken(): Promise<string>;
  /**
   * Re-reads profile and sites from the server; never rejects, the session state tells the outcome.
   * Asked while a refresh is under way, it reads once more after it, so a change the server made
   * after the first read began is not missed.
   */
  refresh(): Promise<void>;
  countUnsynced(): Promise<number>;
  signOut(options: SignOutOptions): Promise<AuthOutcome>;
}
