import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeInteractionState, encodeInteractionState, isInteractionDeleted, readInteractionFields } from '$lib/domain/crdt';
import { DebouncedSaver } from './debounced-saver';
import type { EditJournal } from './edit-journal';
import { LiveConnection, type LiveStatus } from './live-connection';
import { MyEdits } from './my-edits';
import { watchOverwrittenChoices, type OverwrittenChoice } from './overwritten-choices';
import { announceField, announcePresence, colorFor, othersPresent, type Presence, type PresenceState } from './presence';

export interface LiveInteractionOptions {
  siteId: string;
  interactionId: string;
  /** The record's encoded state from the local database: the form works from it even offline. */
  storedState: Uint8Array;
  user: { id: string; name: string };
  /** Stores the document's state on this device, merged into the record (replication pushes it). */
  store(state: Uint8Array): Promise<void>;
  /** Opens the socket; absent, the document is edited and stored locally only. */
  server?: { origin: string; getAccessToken(): Promise<string>; WebSocketPolyfill?: typeof WebSocket };
  onStatus?(status: LiveStatus): void;
  onPresence?(others: Presence[]): void;
  /** Whether this person has edits of this visit that "Undo my changes" would revert. */
  onUndoable?(canUndo: boolean): void;
  /** A choice of this person's replaced by someone else's, made at the same time. */
  onOverwritten?(choice: OverwrittenChoice): void;
  onError?(error: unknown): void;
  /** How long typing may pause before it is stored; short, so little is at risk in a crash. */
  saveDelayMs?: number;
  /**
   * Keeps every change synchronously until a save includes it, so a tab closed within the delay
   * loses nothing; its entries left by closed tabs are applied as the document opens.
   */
  journal?: EditJournal;
}

/** The origin of this form's own edits, told apart from the server's and from sync's. */
export const LOCAL_EDIT = Symbol('local edit');
const FROM_STORE = Symbol('stored state');

/**
 * One open record's live document: seeded from the local database, shared through the endpoint
 * while online, and written back to the local database as it changes, whoever changed it. The
 * document is the one place edits meet; the local record follows it, and sync's versions of the
 * record are merged into it.
 */
export class LiveInteraction {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly #options: LiveInteractionOptions;
  readonly #saver: DebouncedSaver;
  readonly #connection: LiveConnection | undefined;
  readonly #myEdits: MyEdits;
  readonly #stopWatchingChoices: () => void;
  #closed = false;

  constructor(options: LiveInteractionOptions) {
    this.#options = options;
    this.doc = decodeInteractionState(options.storedState, options.interactionId);
    this.awareness = new Awareness(this.doc);
    const journal = options.journal;
    this.#saver = new DebouncedSaver({
      delayMs: options.saveDelayMs ?? 300,
      save: async () => {
        const mark = journal?.mark() ?? 0;
        await options.store(encodeInteractionState(this.doc));
        journal?.saved(mark);
      },
      onError: (error) => options.onError?.(error)
    });
    // Applied before the listener below, so adopted entries are not journaled again: they stay
    // where they are until the save scheduled here includes them.
    if (journal?.adopt((update) => Y.applyUpdate(this.doc, update))) this.#saver.schedule();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_STORE) return;
      journal?.record(update);
      this.#saver.schedule();
    });
    this.#myEdits = new MyEdits(this.doc, LOCAL_EDIT, (canUndo) => options.onUndoable?.(canUndo));
    this.#stopWatchingChoices = watchOverwrittenChoices({
      doc: this.doc,
      ownOrigins: [LOCAL_EDIT, this.#myEdits.origin],
      nameOf: (clientId) => (this.awareness.getStates().get(clientId) as Partial<PresenceState> | undefined)?.user?.name ?? null,
      onOverwritten: (choice) => options.onOverwritten?.(choice)
    });
    announcePresence(this.awareness, {
      user: { id: options.user.id, name: options.user.name, color: colorFor(options.user.id) },
      field: null
    });
    // While the socket is replaced at its token's expiry, the others' states are dropped and sent
    // again; the person is shown them as they were until they are back.
    this.awareness.on('change', () => {
      if (!this.#connection?.renewing) options.onPresence?.(othersPresent(this.awareness));
    });
    this.#connection =
      options.server &&
      new LiveConnection({
        doc: this.doc,
        awareness: this.awareness,
        siteId: options.siteId,
        interactionId: options.interactionId,
        origin: options.server.origin,
        getAccessToken: options.server.getAccessToken,
        WebSocketPolyfill: options.server.WebSocketPolyfill,
        onStatus: (status) => {
          options.onStatus?.(status);
          // A replacement that failed leaves nobody here: the list held while it ran is stale.
          if (status === 'refused') options.onPresence?.(othersPresent(this.awareness));
        }
      });
  }

  get deleted(): boolean {
    return isInteractionDeleted(this.doc);
  }

  /** Whether edits wait to be stored on this device. */
  get saving(): boolean {
    return this.#saver.pending;
  }

  /** The description and notes as this document holds them, for a person to keep a copy. */
  texts(): { description: string; notes: string } {
    const fields = readInteractionFields(this.doc);
    return { description: fields.description, notes: fields.notes ?? '' };
  }

  /** Reverts this person's own edits since the record was opened; everyone else's stay. */
  undoMyEdits(): void {
    this.#myEdits.undoAll();
  }

  /** Merges the record as the local database holds it now (sync may have brought changes). */
  absorbStored(state: Uint8Array): void {
    Y.applyUpdate(this.doc, state, FROM_STORE);
  }

  focus(field: string | null): void {
    announceField(this.awareness, field);
  }

  /** Online (and signed in): share live. Offline: keep editing locally; reconnecting resyncs. */
  setOnline(online: boolean): void {
    if (!this.#connection || this.#closed) return;
    if (online) void this.#connection.connect();
    else this.#connection.disconnect();
  }

  whenSynced(): Promise<void> {
    return this.#connection?.whenSynced() ?? Promise.resolve();
  }

  /** Stores what is waiting now; resolves once it is on this device. */
  flush(): Promise<void> {
    return this.#saver.flush();
  }

  /** Stores the last edits, tells the others this person left, and closes the socket. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopWatchingChoices();
    this.#myEdits.destroy();
    this.awareness.setLocalState(null);
    this.#connection?.destroy();
    this.awareness.destroy();
    await this.#saver.flush();
  }
}
