import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';

const SAMPLE_MS = 1_000;

export interface ProbeFigures {
  /** The largest resident memory of each server process seen during the run, in bytes, in the order given. */
  rssMaxBytes: number[];
  /**
   * Bytes each server process wrote per second (wchar of /proc/<pid>/io: sockets and files alike,
   * and a silent server writes no files), in the order given: mostly its answers and the event
   * streams' fan-out, every change sent once to each open stream of its site.
   */
  writtenBytesPerSecond: number[];
  /**
   * CPU each server process used, as a share of one core over the run (utime + stime from
   * /proc/<pid>/stat): near 1, a Node process has no more to give, whatever the machine has left.
   */
  cpuShare: number[];
  /** The same for this process, the load generator. */
  generatorCpuShare: number;
  /** Backends connected to the benchmark database (pg_stat_activity), the probe's own left out. */
  postgresConnections: { max: number; mean: number; samples: number };
  /**
   * How late this process's event loop ran, p99 in milliseconds. Every latency is timed here, so a
   * busy load generator adds its own delay to them: above a few tens of milliseconds, the figures
   * measure this process as much as the server.
   */
  generatorDelayP99Ms: number;
  /** The machine's 1-minute load average as the run ended: other work on it skews every figure. */
  loadAverage: number;
  /** Samples that could not be read (a server process gone, the database unreachable). */
  failedSamples: number;
}

/**
 * Samples, once a second while a run lasts, what the load itself cannot tell: the servers' memory
 * (VmRSS from /proc) and the database's connection count; counts what the servers wrote; and
 * watches this process's event loop.
 */
export class Probes {
  readonly #pids: number[];
  readonly #client: pg.Client;
  readonly #rss: number[];
  readonly #connections: number[] = [];
  readonly #delay = monitorEventLoopDelay({ resolution: 10 });
  #timer?: NodeJS.Timeout;
  #sampling?: Promise<unknown>;
  #failedSamples = 0;
  #writtenAtStart: number[] = [];
  #cpuAtStart: number[] = [];
  #generatorCpuAtStart?: NodeJS.CpuUsage;
  #startedAt = 0;

  private constructor(pids: number[], client: pg.Client) {
    this.#pids = pids;
    this.#client = client;
    this.#rss = pids.map(() => 0);
  }

  static async start(options: { pids: number[]; databaseUrl: string }): Promise<Probes> {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    const probes = new Probes(options.pids, client);
    probes.#writtenAtStart = await Promise.all(options.pids.map(readWritten));
    probes.#cpuAtStart = await Promise.all(options.pids.map(readCpuSeconds));
    probes.#generatorCpuAtStart = process.cpuUsage();
    probes.#startedAt = performance.now();
    probes.#delay.enable();
    probes.#timer = setInterval(() => {
      // One sample at a time: a slow one is skipped rather than queued behind.
      probes.#sampling ??= probes
        .#sample()
        .catch(() => probes.#failedSamples++)
        .finally(() => (probes.#sampling = undefined));
    }, SAMPLE_MS);
    return probes;
  }

  async stop(): Promise<ProbeFigures> {
    clearInterval(this.#timer);
    await this.#sampling;
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const written = await Promise.all(this.#pids.map(readWritten));
    const cpu = await Promise.all(this.#pids.map(readCpuSeconds));
    const generatorCpu = process.cpuUsage(this.#generatorCpuAtStart);
    this.#delay.disable();
    await this.#client.end();
    const connections = this.#connections;
    return {
      rssMaxBytes: [...this.#rss],
      writtenBytesPerSecond: written.map((bytes, index) => (bytes - this.#writtenAtStart[index]) / seconds),
      cpuShare: cpu.map((used, index) => (used - this.#cpuAtStart[index]) / seconds),
      generatorCpuShare: (generatorCpu.user + generatorCpu.system) / 1e6 / seconds,
      postgresConnections: {
        max: Math.max(0, ...connections),
        mean: connections.length > 0 ? connections.reduce((sum, count) => sum + count, 0) / connections.length : 0,
        samples: connections.length
      },
      generatorDelayP99Ms: this.#delay.percentile(99) / 1e6,
      loadAverage: loadavg()[0],
      failedSamples: this.#failedSamples
    };
  }

  async #sample(): Promise<void> {
    const [rss, connections] = await Promise.all([
      Promise.all(this.#pids.map(readRss)),
      this.#client.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'
      )
    ]);
    rss.forEach((bytes, index) => (this.#rss[index] = Math.max(this.#rss[index], bytes)));
    this.#connections.push(connections.rows[0].count);
  }
}

async function readRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!Number.isFinite(kilobytes)) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return kilobytes * 1024;
}

async function readWritten(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8');
  const bytes = Number(/^wchar:\s+(\d+)$/m.exec(io)?.[1]);
  if (!Number.isFinite(bytes)) throw new Error(`no wchar in /proc/${pid}/io`);
  return bytes;
}

// Linux reports process times in clock ticks of USER_HZ, which is 100 on every architecture it runs on.
const TICKS_PER_SECOND = 100;

async function readCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name in parentheses may hold spaces: fields are counted from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
