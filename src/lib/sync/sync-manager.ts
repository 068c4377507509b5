import { BehaviorSubject, type Subscription } from 'rxjs';
import type { SiteDatabase } from '$lib/db';
import { replicateSite, type SiteReplication, type SiteReplicationOptions } from './site-replication';
import type { SiteSyncStatus } from './sync-status';
import type { SyncApi } from './sync-api';

export interface SyncedSite {
  id: string;
  name: string;
}

/** Where the device remembers which sites it holds data for, so a lost site is purged even after a restart. */
export interface LocalSiteRegistry {
  list(): string[];
  add(siteId: string): void;
  remove(siteId: string): void;
}

export interface SyncManagerOptions {
  api: SyncApi;
  openDatabase(siteId: string): Promise<SiteDatabase>;
  /** Deletes everything the device holds for a site: its database, search index and embeddings. */
  removeLocalSite(siteId: string): Promise<void>;
  registry: LocalSiteRegistry;
  /** The server refused the credentials: ask the person to sign in again. */
  onSignInRequired?(): void;
  /** Access changed: re-read the session's sites and roles. */
  onAccessChanged?(): void;
  /** Tells the person something they should know, such as a site removed from this device. */
  notify?(message: string): void;
  replication?: Pick<SiteReplicationOptions, 'retryTime' | 'batchSize' | 'waitForLeadership' | 'streamRetryMs'>;
}

export interface SyncOverview {
  sites: SiteSyncStatus[];
}

/**
 * Runs one replication per site the signed-in person belongs to, and removes from the device the
 * sites they no longer belong to: checked at every start and whenever a stream says access
 * changed. A removed site is never pushed as a deletion; the server keeps every record.
 */
export class SyncManager {
  readonly overview$ = new BehaviorSubject<SyncOverview>({ sites: [] });
  readonly #options: SyncManagerOptions;
  readonly #running = new Map<string, { replication: SiteReplication; subscription?: Subscription }>();
  readonly #siteNames = new Map<string, string>();
  #accessCheck: Promise<void> | undefined;
  #stopped = false;

  constructor(options: SyncManagerOptions) {
    this.#options = options;
  }

  /** Replicates exactly these sites: starts the new ones, stops the others (their data stays). */
  async run(sites: SyncedSite[]): Promise<void> {
    this.#stopped = false;
    // Names are kept for sites no longer listed: a purge after a refresh still names the site.
    for (const site of sites) this.#siteNames.set(site.id, site.name);
    const wanted = new Set(sites.map((site) => site.id));
    await Promise.all([...this.#running.keys()].filter((id) => !wanted.has(id)).map((id) => this.#stop(id)));
    for (const site of sites) {
      if (this.#running.has(site.id)) continue;
      this.#options.registry.add(site.id);
      await this.#start(site.id);
    }
    void this.checkAccess();
  }

  /**
   * Compares the sites this device holds with the server's list, and purges each one the person
   * lost. Only a list the server gave counts: failing to ask (offline) removes nothing.
   */
  checkAccess(): Promise<void> {
    this.#accessCheck ??= this.#checkAccess().finally(() => (this.#accessCheck = undefined));
    return this.#accessCheck;
  }

  /** Lets every replication waiting for a new sign-in go on. */
  async resume(): Promise<void> {
    await Promise.all([...this.#running.values()].map(({ replication }) => replication.resume()));
  }

  /** Stops every replication (sign-out); local data stays unless the caller removes it. */
  async stopAll(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#running.keys()].map((id) => this.#stop(id)));
  }

  /** Waits until every running site has exchanged all it knows with the server. */
  async awaitInSync(): Promise<void> {
    await Promise.all([...this.#running.values()].map(({ replication }) => replication.awaitInSync()));
  }

  async #checkAccess(): Promise<void> {
    let granted: Set<string>;
    try {
      granted = new Set(await this.#options.api.listSiteIds());
    } catch {
      return;
    }
    const lost = this.#options.registry.list().filter((siteId) => !granted.has(siteId));
    for (const siteId of lost) {
      const name = this.#siteNames.get(siteId) ?? 'A site';
      await this.#stop(siteId);
      await this.#options.removeLocalSite(siteId);
      this.#options.registry.remove(siteId);
      this.#siteNames.delete(siteId);
      this.#options.notify?.(
        `${name} is no longer available to you, so its interactions were removed from this device. Nothing was deleted on the server.`
      );
    }
    if (lost.length > 0) this.#options.onAccessChanged?.();
  }

  async #start(siteId: string): Promise<void> {
    const database = await this.#options.openDatabase(siteId);
    if (this.#stopped || this.#running.has(siteId)) return;
    const replication = replicateSite({
      database,
      api: this.#options.api,
      ...this.#options.replication,
      onSignInRequired: () => this.#options.onSignInRequired?.(),
      onAccessChanged: () => {
        this.#options.onAccessChanged?.();
        void this.checkAccess();
      }
    });
    // Registered before subscribing: the subscription publishes at once, and must include it.
    const running = { replication, subscription: undefined as Subscription | undefined };
    this.#running.set(siteId, running);
    running.subscription = replication.status$.subscribe(() => this.#publish());
  }

  async #stop(siteId: string): Promise<void> {
    const running = this.#running.get(siteId);
    if (!running) return;
    this.#running.delete(siteId);
    running.subscription?.unsubscribe();
    await running.replication.stop();
    this.#publish();
  }

  #publish(): void {
    this.overview$.next({ sites: [...this.#running.values()].map(({ replication }) => replication.status$.value) });
  }
}

/** The device's record of sites with local data, in localStorage (per browser profile). */
export function browserSiteRegistry(storage: Storage = localStorage, key = 'ims.sync.local-sites'): LocalSiteRegistry {
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  };
  const write = (ids: string[]) => {
    try {
      storage.setItem(key, JSON.stringify(ids));
    } catch {
      // Without storage the list lives as long as the tab; access is checked again next start.
    }
  };
  return {
    list: read,
    add: (siteId) => {
      const ids = read();
      if (!ids.includes(siteId)) write([...ids, siteId]);
    },
    remove: (siteId) => write(read().filter((id) => id !== siteId))
  };
}
