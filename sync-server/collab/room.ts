import type { FastifyBaseLogger } from 'fastify';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { findIntroducedUnstorableFields, roleAllows, type InteractionFields, type Role } from '../../src/lib/domain';
import { decodeInteractionState, isInteractionDeleted, readInteractionFields } from '../../src/lib/domain/crdt';
import { CLOSE, type CloseReason } from './close-codes';
import { awarenessMessage, updateMessage } from './protocol';
import type { RoomState, RoomStore } from './room-store';
import { checkUpdate, wouldChange, type DecodedUpdate } from './update-check';

/** One client in a room, as the room sees it (see connection.ts). */
export interface RoomPeer {
  userId: string;
  role: Role;
  send(message: Uint8Array): void;
  close(reason: CloseReason): void;
  /** The awareness client ids this peer has spoken for, removed when it leaves. */
  awarenessClients: Set<number>;
}

export interface RoomOptions {
  state: RoomState;
  store: RoomStore;
  log: FastifyBaseLogger;
  /** How long after an edit the document is written, so a burst of keystrokes is one write. */
  saveDelayMs: number;
  /** The room cannot go on (a bad update slipped past the checks): forget it at once. */
  onReset(room: Room): void;
}

/** Changes read from the database carry this origin: they are stored already. */
const STORED = Symbol('stored');
// After a write fails, the next attempt waits this long (unless an edit or the room's close comes first).
const RETRY_DELAY_MS = 5_000;

/**
 * One open interaction: its Y.Doc and awareness in memory, the peers editing it, and the
 * debounced write of their edits through the store.
 */
export class Room {
  readonly id: string;
  readonly siteId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  serverSeq: number;

  readonly #createdBy: string;
  readonly #options: RoomOptions;
  #held: Uint8Array[] | undefined;
  #dirty = false;
  #editor: string | undefined;
  #deleter: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #saving: Promise<void> | undefined;
  #discarded = false;
  /** The fields as last read in full, to tell what an update brought in from what was there. */
  #fields: InteractionFields;
  /** The texts hold a character that needs the full check (see #needsFullCheck). */
  #suspectText: boolean;

  constructor(options: RoomOptions) {
    const { state } = options;
    this.#options = options;
    this.id = state.id;
    this.siteId = state.siteId;
    this.serverSeq = state.serverSeq;
    this.#createdBy = state.createdBy;
    this.doc = decodeInteractionState(state.crdt, state.id);
    // Also fixes the shared types' kinds now, so an update cannot claim a field's name for another kind.
    this.#fields = readInteractionFields(this.doc);
    this.#suspectText = hasSuspectText(this.#fields);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.#held) this.#held.push(update);
      else this.#broadcast(updateMessage(update), origin);
    });
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  /**
   * Merges an update a peer sent, or refuses it with the reason to close the peer's socket. An
   * update is checked before it is applied (see update-check.ts) and its outcome before anyone else
   * sees it: a state that cannot be stored, or a delete the peer may not make, resets the room.
   */
  applyPeerUpdate(peer: RoomPeer, update: Uint8Array): CloseReason | undefined {
    const check = checkUpdate(this.doc, update);
    if (!check.ok) {
      this.#options.log.warn({ interactionId: this.id, userId: peer.userId, reason: check.reason }, 'refused a live update');
      return CLOSE.BAD_MESSAGE;
    }
    if (!roleAllows(peer.role, 'edit')) {
      if (!wouldChange(this.doc, check.decoded)) return undefined;
      this.#options.log.warn({ interactionId: this.id, userId: peer.userId }, 'refused a viewer’s live edit');
      return CLOSE.VIEWER_EDIT;
    }
    const wasDeleted = isInteractionDeleted(this.doc);
    const held: Uint8Array[] = (this.#held = []);
    let problem: string | undefined;
    try {
      Y.applyUpdate(this.doc, update, peer);
      problem = this.#needsFullCheck(check.decoded) ? this.#problemAfter(peer, wasDeleted) : undefined;
    } catch (error) {
      problem = (error as Error).message;
    } finally {
      this.#held = undefined;
    }
    if (problem) {
      this.#options.log.error({ interactionId: this.id, userId: peer.userId, problem }, 'a live update broke the room; reloading it');
      this.#reset(peer, problem === FORBIDDEN_DELETE ? CLOSE.FORBIDDEN : CLOSE.BAD_MESSAGE);
      return undefined;
    }
    if (held.length === 0) return undefined;
    for (const change of held) this.#broadcast(updateMessage(change), peer);
    this.#markDirty(peer.userId, !wasDeleted && isInteractionDeleted(this.doc));
    return undefined;
  }

  /**
   * Reading every field back costs the whole document, for every keystroke. Typing (plain text
   * inserted into a text, deletions) cannot make the record unstorable unless a character that
   * could be (NUL, half of a surrogate pair) is involved, so only other updates pay for it.
   */
  #needsFullCheck(decoded: DecodedUpdate): boolean {
    if (this.#suspectText || this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) return true;
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (struct.parentSub !== null) return true;
      const { content } = struct;
      if (content instanceof Y.ContentString ? SUSPECT_CHARACTER.test(content.str) : !(content instanceof Y.ContentDeleted)) return true;
    }
    return false;
  }

  #problemAfter(peer: RoomPeer, wasDeleted: boolean): string | undefined {
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) return 'the update was incomplete';
    const fields = readInteractionFields(this.doc);
    // A value stored before a rule tightened is no one's new mistake: only what this update brought in counts.
    const unstorable = findIntroducedUnstorableFields(fields, this.#fields);
    this.#fields = fields;
    this.#suspectText = hasSuspectText(fields);
    if (unstorable.length > 0) return `fields that cannot be stored: ${unstorable.map((error) => error.field).join(', ')}`;
    if (!wasDeleted && isInteractionDeleted(this.doc) && !roleAllows(peer.role, 'delete', peer.userId === this.#createdBy)) {
      return FORBIDDEN_DELETE;
    }
    return undefined;
  }

  /** Brings in a state stored by someone else (another instance, replication, the REST API). */
  applyStored(state: Uint8Array, serverSeq: number): void {
    this.serverSeq = Math.max(this.serverSeq, serverSeq);
    Y.applyUpdate(this.doc, state, STORED);
    this.#fields = readInteractionFields(this.doc);
    this.#suspectText = hasSuspectText(this.#fields);
  }

  /** Writes what is not stored yet; resolves once it is (or the write failed and was logged). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#saving) await this.#saving;
    if (!this.#dirty || this.#discarded) return;
    this.#saving = this.#save().finally(() => (this.#saving = undefined));
    await this.#saving;
  }

  destroy(): void {
    clearTimeout(this.#timer);
    this.#discarded = true;
    this.awareness.destroy();
    this.doc.destroy();
  }

  #markDirty(userId: string, deleted: boolean): void {
    this.#dirty = true;
    this.#editor = userId;
    // The history names the deleter for the write that stores the delete: a user who may not
    // delete would otherwise be refused for it.
    if (deleted) this.#deleter = userId;
    this.#schedule(this.#options.saveDelayMs);
  }

  #schedule(delayMs: number): void {
    if (this.#timer || this.#discarded) return;
    this.#timer = setTimeout(() => void this.flush(), delayMs);
  }

  async #save(): Promise<void> {
    const userId = this.#deleter ?? this.#editor!;
    this.#dirty = false;
    this.#deleter = undefined;
    const log = this.#options.log.child({ interactionId: this.id, userId });
    try {
      const outcome = await this.#options.store.save({
        id: this.id,
        siteId: this.siteId,
        userId,
        state: Y.encodeStateAsUpdate(this.doc),
        assumedServerSeq: this.serverSeq
      });
      if (!outcome.stored) throw new Error(`${outcome.code}: ${outcome.message}`);
      if (outcome.merged && !this.#discarded) this.applyStored(outcome.merged, outcome.serverSeq);
      this.serverSeq = Math.max(this.serverSeq, outcome.serverSeq);
    } catch (error) {
      // The peers still hold every edit, and their replication stores it too; the room retries.
      log.error({ err: error }, 'writing a live-edited interaction failed');
      this.#dirty = true;
      this.#schedule(RETRY_DELAY_MS);
      return;
    }
    if (this.#dirty) this.#schedule(this.#options.saveDelayMs);
  }

  /**
   * The offender is closed for good; the others are told to reconnect, and then resend what the
   * database lacks from their own copies, which never saw the bad update.
   */
  #reset(offender: RoomPeer, reason: CloseReason): void {
    this.#discarded = true;
    this.#options.onReset(this);
    for (const peer of this.peers) peer.close(peer === offender ? reason : CLOSE.ROOM_RELOAD);
  }

  #broadcast(message: Uint8Array, origin: unknown): void {
    const frame = sharedFrame(message);
    for (const peer of this.peers) if (peer !== origin) peer.send(frame);
  }

  #onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ): void => {
    const peer = origin as RoomPeer | null;
    if (peer && this.peers.has(peer)) {
      for (const client of [...added, ...updated]) peer.awarenessClients.add(client);
      for (const client of removed) peer.awarenessClients.delete(client);
    }
    const changed = [...added, ...updated, ...removed];
    const message = sharedFrame(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    // To the sender too: the y-websocket client takes 30 s without a message as a dead connection.
    for (const receiver of this.peers) receiver.send(message);
  };
}

const FORBIDDEN_DELETE = 'a delete this role may not make';
// Every character that can make a text unstorable is one of these (see findUnstorableFields).
const SUSPECT_CHARACTER = /[\u0000\uD800-\uDFFF]/;

// One Buffer for every peer a message goes to: ws wraps any other Uint8Array in a new Buffer on each send.
function sharedFrame(message: Uint8Array): Buffer {
  return Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}

function hasSuspectText(fields: InteractionFields): boolean {
  return SUSPECT_CHARACTER.test(fields.description) || SUSPECT_CHARACTER.test(fields.notes ?? '');
}
