import { readErrorEnvelope } from '$lib/error-envelope';
import type { PullResponse, PushResponse, PushRow, SyncCheckpoint } from '$lib/domain/sync-protocol';

/** The server refused the credentials: sync waits for a new sign-in, local changes are kept. */
export class SyncAuthError extends Error {
  override name = 'SyncAuthError';
}

/** The caller is no longer a member of the site (403 SITE_FORBIDDEN). */
export class SiteAccessLostError extends Error {
  override name = 'SiteAccessLostError';
}

/** Any other refusal or failure, with the server's code and words when it gave them. */
export class SyncRequestError extends Error {
  override name = 'SyncRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

export interface SyncApiOptions {
  /** Where the sync server is; the page's own origin when omitted. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** A token valid for at least another minute (the auth client refreshes it before expiry). */
  getAccessToken(): Promise<string>;
}

export interface SyncApi {
  pull(siteId: string, checkpoint: SyncCheckpoint | null, limit: number, withRemaining: boolean): Promise<PullResponse>;
  push(siteId: string, rows: PushRow[]): Promise<PushResponse>;
  /** Opens the site's event stream; the response's body is the stream. */
  openStream(siteId: string, signal: AbortSignal): Promise<Response>;
  /** The ids of the sites the caller belongs to now, as the server says. */
  listSiteIds(): Promise<string[]>;
}

// Long enough for a large batch on a slow link; a dead connection fails and is retried.
const REQUEST_TIMEOUT_MS = 30_000;

/** The replication endpoints (DESIGN §4) over fetch, with the caller's access token. */
export function createSyncApi(options: SyncApiOptions): SyncApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const token = await options.getAccessToken().catch((error: unknown) => {
      throw new SyncAuthError(error instanceof Error ? error.message : 'Sign in again to sync.');
    });
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    const signal = init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const response = await doFetch(`${base}${path}`, { ...init, headers, signal });
    if (response.ok) return response;
    throw await failureOf(response);
  }

  const sitePath = (siteId: string, action: string) => `/api/sync/${encodeURIComponent(siteId)}/${action}`;

  return {
    async pull(siteId, checkpoint, limit, withRemaining) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (checkpoint) query.set('checkpoint', checkpoint);
      if (withRemaining) query.set('remaining', 'true');
      return (await request(`${sitePath(siteId, 'pull')}?${query}`)).json() as Promise<PullResponse>;
    },
    async push(siteId, rows) {
      const response = await request(sitePath(siteId, 'push'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows)
      });
      return response.json() as Promise<PushResponse>;
    },
    openStream: (siteId, signal) =>
      request(sitePath(siteId, 'stream'), { signal, headers: { accept: 'text/event-stream' } }),
    async listSiteIds() {
      const sites = (await (await request('/api/users/sites')).json()) as { id: string }[];
      return sites.map((site) => site.id);
    }
  };
}

async function failureOf(response: Response): Promise<Error> {
  const envelope = await readErrorEnvelope(response);
  const { code } = envelope;
  const message = [envelope.message, ...envelope.fields.map((field) => field.message)].join(' ');
  if (response.status === 401) return new SyncAuthError(message);
  if (response.status === 403 && code === 'SITE_FORBIDDEN') return new SiteAccessLostError(message);
  return new SyncRequestError(response.status, code, message);
}
