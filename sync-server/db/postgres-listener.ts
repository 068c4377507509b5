import pg from 'pg';
import type { NotificationListener, Unlisten } from './database';

const RECONNECT_DELAYS_MS = [100, 500, 1_000, 2_000, 5_000];

/**
 * One connection kept outside the pool for LISTEN, shared by every channel of the process. A
 * pooled connection cannot listen: it is handed to other queries between uses. When the
 * connection drops it is made again with backoff, and listeners are told they may have missed
 * notifications.
 */
export class PostgresListener {
  readonly #connectionString: string;
  readonly #listeners = new Map<string, Set<NotificationListener>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  async listen(channel: string, listener: NotificationListener): Promise<Unlisten> {
    const client = await this.#connection();
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    listeners.add(listener);
    return async () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.#listeners.get(channel) !== listeners) return;
      this.#listeners.delete(channel);
      await this.#client?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#listeners.clear();
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('notification', (message) => {
      for (const listener of this.#listeners.get(message.channel) ?? []) listener.notify(message.payload ?? '');
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    await client.connect();
    for (const channel of this.#listeners.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.#client = client;
    this.#attempt = 0;
    return client;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    client.end().catch(() => {});
    this.#reconnect();
  }

  #reconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.#attempt++, RECONNECT_DELAYS_MS.length - 1)];
    this.#retryTimer = setTimeout(() => {
      if (this.#closed) return;
      this.#connection().then(
        () => {
          for (const listeners of this.#listeners.values()) for (const listener of listeners) listener.missed?.();
        },
        () => this.#reconnect()
      );
    }, delay);
    this.#retryTimer.unref();
  }
}
