import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { freePort } from './free-port';
import { waitFor } from '../../support/wait-for';

export interface SupervisedServerOptions {
  databaseUrl: string;
  /** Where the dev issuer keeps its signing key: the same folder on every start, so tokens outlive a crash. */
  dataDir: string;
  /** Demo interactions seeded on the first start, beside the demo sites and users. */
  demoInteractions: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Migrations run at boot, and tsx compiles the server first: seconds on a busy two-core machine.
const START_TIMEOUT_MS = 60_000;
const KEPT_ERROR_LINES = 50;
// Crashes of its own after which the server is no longer started again.
const MOST_OWN_EXITS = 5;

/**
 * The real server (`sync-server/server.ts`, as `npm run serve` starts it) in a child process that
 * the test kills with SIGKILL and starts again, always on the same port so clients find it again.
 * Clients wait on `whenUp()` after a failed request instead of hammering a port nobody listens on.
 */
export class ServerSupervisor {
  readonly url: string;
  /** How long each start took until the server was ready, in milliseconds. */
  readonly startDurations: number[] = [];
  /** Every exit the test did not cause (a crash of the server's own: a finding), with its stderr. */
  readonly ownExits: string[] = [];
  /** What the server logged at level error (the causes of its 5xx answers), one line each, for the report. */
  readonly errorLines: string[] = [];
  #child: ChildProcess | undefined;
  #up = false;
  #upWaiters: (() => void)[] = [];
  #restarting: Promise<void> | undefined;
  #restartFailure: unknown;

  private constructor(
    private readonly port: number,
    private readonly options: SupervisedServerOptions
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(options: SupervisedServerOptions): Promise<ServerSupervisor> {
    return new ServerSupervisor(await freePort(), options);
  }

  /** Starts the server and resolves once it answers `/api/ready` (so its database is reachable). */
  async start(): Promise<void> {
    const started = performance.now();
    const child = this.#spawn();
    await waitFor(
      async () => {
        if (this.#child !== child) throw new Error(`the server did not start: ${this.ownExits.at(-1)}`);
        return this.#ready();
      },
      'the server to be ready',
      START_TIMEOUT_MS
    );
    this.startDurations.push(Math.round(performance.now() - started));
    this.#up = true;
    for (const resolve of this.#upWaiters.splice(0)) resolve();
  }

  /** SIGKILL to the server's own PID: no shutdown hook runs, in-flight requests are cut. */
  async kill(): Promise<void> {
    await this.#restarting;
    const child = this.#child;
    this.#up = false;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Resolves at once while the server is up, otherwise at its next successful start. */
  whenUp(): Promise<void> {
    if (this.#up) return Promise.resolve();
    return new Promise((resolve) => this.#upWaiters.push(resolve));
  }

  /** Throws when the server crashed by itself and could not be brought back. */
  throwIfBroken(): void {
    if (this.#restartFailure !== undefined) throw this.#restartFailure;
    if (this.ownExits.length > MOST_OWN_EXITS) throw new Error(this.ownExits.join('\n\n'));
  }

  #spawn(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/server.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.#environment() },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    this.#child = child;
    let stderr = '';
    let partialLine = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partialLine + chunk.toString()).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) this.#keepErrorLine(line);
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code, signal) => {
      // Killed by the test, which forgot the child first.
      if (this.#child !== child) return;
      const wasUp = this.#up;
      this.#up = false;
      this.#child = undefined;
      this.ownExits.push(`the server (pid ${child.pid}) exited by itself (code ${code}, signal ${signal}):\n${stderr.trim()}`);
      // Started again, as a service manager would, so the run goes on to show what else breaks;
      // the test fails on the exit all the same. A server that dies while starting stays down.
      if (wasUp && this.ownExits.length <= MOST_OWN_EXITS) {
        this.#restarting = this.start()
          .catch((error: unknown) => {
            this.#restartFailure = error;
          })
          .finally(() => (this.#restarting = undefined));
      }
    });
    return child;
  }
  #environment(): NodeJS.ProcessEnv {
    return {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      DATABASE_URL: this.options.databaseUrl,
      DATA_DIR: this.options.dataDir,
      AUTH_MODE: 'dev',
      DEMO_DATA: 'true',
      DEMO_INTERACTIONS: String(this.options.demoInteractions),
      LOG_LEVEL: 'error',
      STATIC_DIR: 'no-build-for-crash-tests',
      // Writers send far more requests than a person would; the limit has its own tests.
      RATE_LIMIT_PER_MINUTE: '1000000000'
    };
  }

  // The log is JSON lines (pino); `reqId` ties a line to the requestId of a 5xx answer.
  #keepErrorLine(line: string): void {
    if (!line.trim() || this.errorLines.length >= KEPT_ERROR_LINES) return;
    try {
      const entry = JSON.parse(line) as { reqId?: string; msg?: string; err?: { message?: string; code?: string } };
      this.errorLines.push(`${entry.reqId ?? 'no request'}: ${entry.msg} (${entry.err?.code ?? ''} ${entry.err?.message ?? ''})`);
    } catch {
      this.errorLines.push(line);
    }
  }

  async #ready(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/api/ready`);
      return response.status === 200;
    } catch {
      return false;
    }
  }
}
