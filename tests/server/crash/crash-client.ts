import { once } from 'node:events';
import type { ServerSupervisor } from './server-supervisor';

export interface CrashRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
}

/** A real answer: 2xx or 4xx. `Body` is what the caller expects of the route, as `response.json()` would give it. */
export interface Answer<Body = unknown> {
  status: number;
  body: Body;
  /** An earlier attempt of this request was lost (its write may or may not have been stored). */
  retried: boolean;
}

/** Attempts that were not acknowledged, by cause. Only `connection` and `unavailable` are expected. */
export interface Disruptions {
  /** Connection refused or cut: the server was being killed or restarted. */
  connection: number;
  /** 503: the server is up but its database is not. */
  unavailable: number;
  /** Any other 5xx, as `METHOD path -> status body`: each one is a finding. */
  serverErrors: string[];
  /** Requests that got no answer within ATTEMPT_TIMEOUT_MS: each one is a finding. */
  hangs: string[];
}

// Far above any answer on a loaded two-core machine (the slowest push batch takes well under a second).
const ATTEMPT_TIMEOUT_MS = 15_000;
const FIRST_PAUSE_MS = 20;
const LONGEST_PAUSE_MS = 500;

/**
 * HTTP as a client that survives crashes: an attempt the server did not acknowledge is sent again,
 * unchanged, once the server is back. Everything the caller gets is a real answer (2xx or 4xx).
 */
export class CrashClient {
  readonly disruptions: Disruptions = { connection: 0, unavailable: 0, serverErrors: [], hangs: [] };
  readonly #abandoned = new AbortController();
  /** Aborted at the deadline or when the run is abandoned: nothing is sent again after it. */
  readonly #stopped: AbortSignal;
  // One listener for every wait, rather than one per lost attempt.
  readonly #whenStopped: Promise<unknown>;

  constructor(
    private readonly server: ServerSupervisor,
    /** No request is sent again after this time (ms since the epoch): every loop of the test is bounded. */
    deadline: number
  ) {
    this.#stopped = AbortSignal.any([this.#abandoned.signal, AbortSignal.timeout(Math.max(deadline - Date.now(), 0))]);
    this.#whenStopped = once(this.#stopped, 'abort');
  }

  /** Makes every request still waiting to be sent again fail at once: the run has failed already. */
  abandon(): void {
    this.#abandoned.abort();
  }

  /** Sends until an attempt is answered. */
  async send<Body = unknown>(request: CrashRequest): Promise<Answer<Body>> {
    for (let lost = 0; ; lost++) {
      if (this.#stopped.aborted) {
        const why = this.#abandoned.signal.aborted ? 'the run was abandoned' : "the test's deadline passed";
        throw new Error(`${describe(request)} was not acknowledged before ${why}`);
      }
      const answer = await this.#attempt(request);
      if (answer) return { status: answer.status, body: answer.body as Body, retried: lost > 0 };
      await Promise.race([this.server.whenUp(), this.#whenStopped]);
      await pause(Math.min(FIRST_PAUSE_MS * 2 ** lost, LONGEST_PAUSE_MS));
    }
  }

  /** One attempt: the answer, or undefined (and the cause counted) when it was lost. */
  async #attempt(request: CrashRequest): Promise<{ status: number; body: unknown } | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.server.url}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' })
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') this.disruptions.hangs.push(describe(request));
      else this.disruptions.connection++;
      return undefined;
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The server died while sending the body: the write may or may not be stored, as for a reset.
      this.disruptions.connection++;
      return undefined;
    }
    if (response.status === 503) {
      this.disruptions.unavailable++;
      return undefined;
    }
    if (response.status >= 500) {
      this.disruptions.serverErrors.push(`${describe(request)} -> ${response.status} ${text}`);
      return undefined;
    }
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

function describe(request: CrashRequest): string {
  return `${request.method} ${request.path}`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
