import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/** Where the live connection stands, as the form reports it. */
export type LiveStatus = 'offline' | 'connecting' | 'connected' | 'refused';

/**
 * The endpoint's close code for a missing, invalid or expired token, and for a socket whose token
 * has just expired (sync-server/collab/close-codes.ts). The provider stops reconnecting on
 * 4400–4499, so this client reconnects on it itself, with a fresh token (see #onRefused).
 */
const UNAUTHENTICATED = 4401;

export interface LiveConnectionOptions {
  doc: Y.Doc;
  awareness: Awareness;
  siteId: string;
  interactionId: string;
  /** The sync server's origin (`https://…`); the socket uses the matching `ws`/`wss` scheme. */
  origin: string;
  /** A token valid for at least another minute; the auth client refreshes it before it expires. */
  getAccessToken(): Promise<string>;
  onStatus(status: LiveStatus): void;
  /** Node has no global WebSocket before v22; tests pass `ws`. */
  WebSocketPolyfill?: typeof WebSocket;
}

/** The endpoint's address for a site; the room (the interaction) is appended by the provider. */
export function liveServerUrl(origin: string, siteId: string): string {
  const url = new URL(origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${url.origin}/api/yjs/${encodeURIComponent(siteId)}`;
}

/**
 * The stock y-websocket provider for one record, with the access token kept fresh: the token
 * travels in the URL, which the provider reuses on every reconnect, so a reconnect after the
 * token expired would otherwise be refused for good.
 */
export class LiveConnection {
  readonly #options: LiveConnectionOptions;
  readonly #provider: WebsocketProvider;
  #wanted = false;
  #destroyed = false;
  #retriedToken: string | undefined;
  #renewing = false;

  constructor(options: LiveConnectionOptions) {
    this.#options = options;
    this.#provider = new WebsocketProvider(liveServerUrl(options.origin, options.siteId), options.interactionId, options.doc, {
      connect: false,
      awareness: options.awareness,
      WebSocketPolyfill: options.WebSocketPolyfill
    });
    this.#provider.on('status', ({ status }) => {
      if (status === 'connected') this.#renewing = false;
      else if (this.#renewing) return;
      options.onStatus(status === 'connected' ? 'connected' : this.#wanted ? 'connecting' : 'offline');
    });
    // The socket opens before the server checks the token; only a finished sync proves it good.
    this.#provider.on('sync', (synced) => {
      if (synced) this.#retriedToken = undefined;
    });
    // Every drop gets a fresh token in before the provider's backoff timer reconnects. A 4401 on a
    // socket that had synced is the server's close at the token's expiry (or a sign-in that ended):
    // the reconnect with a fresh token below is routine, so the form goes on saying it is live.
    this.#provider.on('connection-close', (event) => {
      this.#renewing = event?.code === UNAUTHENTICATED && this.#provider.synced;
      void this.#refreshToken();
    });
    this.#provider.on('closed', ({ code }) => void this.#onRefused(code));
  }

  /** True while a socket closed at its token's expiry is being replaced (see the constructor). */
  get renewing(): boolean {
    return this.#renewing;
  }

  get connected(): boolean {
    return this.#provider.wsconnected;
  }

  /** Resolves once the first exchange with the server is done (the document holds its state). */
  whenSynced(): Promise<void> {
    if (this.#provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.#provider.off('sync', onSync);
        resolve();
      };
      this.#provider.on('sync', onSync);
    });
  }

  async connect(): Promise<void> {
    if (this.#wanted || this.#destroyed) return;
    this.#wanted = true;
    this.#options.onStatus('connecting');
    if (!(await this.#refreshToken()) || !this.#wanted || this.#destroyed) {
      if (this.#wanted) this.#options.onStatus('offline');
      this.#wanted = false;
      return;
    }
    this.#provider.connect();
  }

  disconnect(): void {
    this.#wanted = false;
    this.#renewing = false;
    this.#provider.disconnect();
    this.#options.onStatus('offline');
  }

  destroy(): void {
    this.#destroyed = true;
    this.#wanted = false;
    this.#provider.destroy();
  }

  async #refreshToken(): Promise<boolean> {
    try {
      this.#provider.params = { token: await this.#options.getAccessToken() };
      return true;
    } catch {
      // Signed out or the auth server unreachable: the form goes on locally, replication catches up.
      return false;
    }
  }

  // 4401 once with a token that has just been renewed is worth one more try; any other refusal
  // (4403: no longer a member, or the record moved; a message too large) is final until the form
  // is opened again. Edits still go to the local database, and replication carries them.
  async #onRefused(code: number): Promise<void> {
    const token = this.#provider.params.token;
    if (code === UNAUTHENTICATED && this.#retriedToken !== token && (await this.#refreshToken())) {
      this.#retriedToken = this.#provider.params.token;
      if (this.#wanted && !this.#destroyed) this.#provider.connect();
      return;
    }
    this.#wanted = false;
    this.#renewing = false;
    this.#options.onStatus('refused');
  }
}
