import type { FastifyBaseLogger } from 'fastify';
import { removeAwarenessStates } from 'y-protocols/awareness';
import type { Database, Unlisten } from '../db/database';
import { findMembership } from '../repositories/memberships-repository';
import { CLOSE } from './close-codes';
import { Room, type RoomPeer } from './room';
import type { RoomStore } from './room-store';

export interface RoomRegistryOptions {
  db: Database;
  store: RoomStore;
  log: FastifyBaseLogger;
  saveDelayMs: number;
}

/**
 * The rooms open in this process, by interaction id. A room is loaded from the database when its
 * first peer joins and written and forgotten when its last peer leaves. Changes committed
 * elsewhere (another instance, replication, the REST API) are announced by the same NOTIFY that
 * drives the replication streams; the registry reads the new states of its open rooms and merges
 * them in, so their peers receive them as ordinary updates.
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions;
  readonly #rooms = new Map<string, Room>();
  readonly #loading = new Map<string, Promise<Room | undefined>>();
  /** Rooms being written before they unload: awaited on shutdown. */
  readonly #unloading = new Set<Promise<void>>();
  #unlisten: Unlisten[] = [];

  constructor(options: RoomRegistryOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    const { db } = this.#options;
    this.#unlisten = await Promise.all([
      db.listen('interactions_changed', {
        notify: (siteId) => void this.#catchUp((room) => room.siteId === siteId),
        missed: () => void this.#catchUp(() => true)
      }),
      db.listen('site_access_changed', { notify: (payload) => void this.#accessChanged(payload) })
    ]);
  }

  /** The number of open rooms, for tests and metrics. */
  get size(): number {
    return this.#rooms.size;
  }

  /** The number of sockets in the open rooms, for metrics. */
  get peerCount(): number {
    let count = 0;
    for (const room of this.#rooms.values()) count += room.peers.size;
    return count;
  }

  /**
   * Adds the peer to the interaction's room, loading it first if need be. Undefined when there is
   * no such interaction in that site; the caller refuses the peer.
   */
  async join(siteId: string, id: string, peer: RoomPeer): Promise<Room | undefined> {
    const room = this.#rooms.get(id) ?? (await this.#load(id));
    if (!room) return undefined;
    if (room.siteId !== siteId) {
      // Loaded for nothing: forgotten again unless a rightful peer joined meanwhile.
      if (room.peers.size === 0) this.#track(this.#unload(room));
      return undefined;
    }
    room.peers.add(peer);
    return room;
  }

  /**
   * Stores what the open rooms of these records hold and have not stored yet. A form relays to its
   * device every edit the room sends it, and that device's replication pushes it: the push waits
   * for this, or it could reach the database before the room's save, and the history would name
   * the person who had the record open rather than the one who typed. Rooms open in another
   * process are not seen from here.
   */
  async flushRooms(ids: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(ids)].map((id) => this.#rooms.get(id)?.flush()));
  }

  /** Removes the peer; the last one out writes the room and unloads it. */
  leave(room: Room, peer: RoomPeer): void {
    if (!room.peers.delete(peer)) return;
    const clients = [...peer.awarenessClients].filter((client) => room.awareness.states.has(client));
    // Announced to the others at once, rather than after the 30 s awareness timeout.
    if (clients.length > 0) removeAwarenessStates(room.awareness, clients, null);
    if (room.peers.size > 0) return;
    this.#track(this.#unload(room));
  }

  #track(unloading: Promise<void>): void {
    this.#unloading.add(unloading);
    void unloading.finally(() => this.#unloading.delete(unloading));
  }

  /** Shutdown: every peer is told to reconnect elsewhere, every room written. */
  async closeAll(): Promise<void> {
    await Promise.all(this.#unlisten.map((unlisten) => unlisten()));
    this.#unlisten = [];
    for (const room of this.#rooms.values()) for (const peer of room.peers) peer.close(CLOSE.GOING_AWAY);
    await Promise.all([...this.#loading.values()]);
    await Promise.all([...this.#rooms.values()].map((room) => this.#unload(room)));
    await Promise.all(this.#unloading);
  }

  async #load(id: string): Promise<Room | undefined> {
    let loading = this.#loading.get(id);
    if (!loading) {
      loading = this.#options.store.load(id).then((state) => {
        if (!state) return undefined;
        const room = new Room({
          state,
          store: this.#options.store,
          log: this.#options.log,
          saveDelayMs: this.#options.saveDelayMs,
          onReset: (reset) => this.#forget(reset)
        });
        this.#rooms.set(id, room);
        return room;
      });
      this.#loading.set(id, loading);
      void loading.finally(() => this.#loading.delete(id)).catch(() => undefined);
    }
    return loading;
  }

  async #unload(room: Room): Promise<void> {
    await room.flush();
    // Someone joined while it was being written: it stays.
    if (room.peers.size > 0 || this.#rooms.get(room.id) !== room) return;
    this.#forget(room);
  }

  #forget(room: Room): void {
    if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id);
    room.destroy();
  }

  async #catchUp(matches: (room: Room) => boolean): Promise<void> {
    const rooms = [...this.#rooms.values()].filter(matches);
    if (rooms.length === 0) return;
    try {
      const changed = await this.#options.store.changedSince(rooms.map((room) => ({ id: room.id, serverSeq: room.serverSeq })));
      for (const state of changed) {
        const room = this.#rooms.get(state.id);
        if (room && state.serverSeq > room.serverSeq) room.applyStored(state.crdt, state.serverSeq);
      }
    } catch (error) {
      this.#options.log.error({ err: error }, 'reading stored changes for live-editing rooms failed');
    }
  }

  // A revoked member's sockets close; a changed role applies from the next message on.
  async #accessChanged(payload: string): Promise<void> {
    let change: { userId?: unknown; siteId?: unknown };
    try {
      change = JSON.parse(payload) as typeof change;
    } catch {
      return;
    }
    const { userId, siteId } = change;
    if (typeof userId !== 'string' || typeof siteId !== 'string') return;
    const peers = [...this.#rooms.values()]
      .filter((room) => room.siteId === siteId)
      .flatMap((room) => [...room.peers].filter((peer) => peer.userId === userId));
    if (peers.length === 0) return;
    try {
      const membership = await findMembership(this.#options.db, userId, siteId);
      for (const peer of peers) {
        if (membership) peer.role = membership.role;
        else peer.close(CLOSE.FORBIDDEN);
      }
    } catch (error) {
      this.#options.log.error({ err: error }, 'reading a changed membership for live-editing rooms failed');
      for (const peer of peers) peer.close(CLOSE.AUTH_UNAVAILABLE);
    }
  }
}
