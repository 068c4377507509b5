import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { uuidv7 } from '$lib/domain';
import { keysStartingWith, type KeyValueStorage } from '$lib/key-value-storage';
import { recordJournalPrefix, siteJournalPrefix } from '$lib/unsaved-work';

/**
 * The largest entry written, in bytes of Yjs update. localStorage holds about 5 MB per origin
 * (UTF-16 strings, base64 adds a third), and the sign-in and sync state live there too.
 */
export const MAX_JOURNAL_ENTRY_BYTES = 1_000_000;

/** The journal could not keep the latest edits; they are still stored by the usual save. */
export class EditJournalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EditJournalError';
  }
}

export interface EditJournalOptions {
  storage: KeyValueStorage;
  siteId: string;
  interactionId: string;
  /**
   * The identity of the site's local database (RxDB's storage token). A purged site's database is
   * made anew with another one, so entries written before a purge are dropped, never applied.
   */
  databaseToken: string;
  maxBytes?: number;
  onError(error: unknown): void;
}

interface StoredEntry {
  database: string;
  update: string;
}

/**
 * A write-ahead journal of one open record's edits, in localStorage because its writes are
 * synchronous: a tab closed or crashed within the save's debounce still leaves every edit behind.
 * Each open document writes its own entry (`ims-unsaved:<site>:<record>:<writer>`), so two tabs
 * never overwrite each other's; whoever opens the record next applies them all. Entries are Yjs
 * updates, so applying one twice, or after the database already has it, changes nothing.
 */
export class EditJournal {
  readonly #options: EditJournalOptions;
  readonly #key: string;
  /** Every update journaled since the last save that is known to include them, merged. */
  #unsaved: Uint8Array | null = null;
  #sequence = 0;
  /** Past the size bound: nothing more is written until a save makes the entry unnecessary. */
  #overflowed = false;
  #reported = false;
  /** Entries applied from other writers, with the text read, removed once a save includes them. */
  readonly #adopted = new Map<string, string>();

  constructor(options: EditJournalOptions) {
    this.#options = options;
    this.#key = `${recordJournalPrefix(options)}${uuidv7()}`;
  }

  /**
   * Applies every entry of this record (left by a closed tab, or written by another open copy) and
   * returns how many it applied. Entries of an earlier database of the site are removed unread;
   * an entry that does not decode or apply is removed and reported.
   */
  adopt(apply: (update: Uint8Array) => void): number {
    const { storage, databaseToken } = this.#options;
    const ofRecord = recordJournalPrefix(this.#options);
    for (const key of keysStartingWith(storage, siteJournalPrefix(this.#options.siteId))) {
      const text = storage.getItem(key);
      if (text === null) continue;
      const entry = parseEntry(text);
      if (!entry || entry.database !== databaseToken) {
        storage.removeItem(key);
        continue;
      }
      if (!key.startsWith(ofRecord)) continue;
      try {
        apply(fromBase64(entry.update));
        this.#adopted.set(key, text);
      } catch (error) {
        storage.removeItem(key);
        this.#options.onError(new EditJournalError('An unreadable backup of unsaved edits was removed.', { cause: error }));
      }
    }
    return this.#adopted.size;
  }

  /** Keeps an update of the document until a save includes it. Never throws: typing goes on. */
  record(update: Uint8Array): void {
    this.#sequence++;
    if (this.#overflowed) return;
    this.#unsaved = this.#unsaved ? Y.mergeUpdates([this.#unsaved, update]) : update;
    const maxBytes = this.#options.maxBytes ?? MAX_JOURNAL_ENTRY_BYTES;
    if (this.#unsaved.byteLength > maxBytes) {
      // The entry already written stays: it holds older edits, and applying it is always safe.
      this.#overflowed = true;
      this.#unsaved = null;
      this.#report(new EditJournalError(`Unsaved edits outgrew their ${maxBytes}-byte backup in this browser.`));
      return;
    }
    const entry: StoredEntry = { database: this.#options.databaseToken, update: toBase64(this.#unsaved) };
    try {
      this.#options.storage.setItem(this.#key, JSON.stringify(entry));
      this.#reported = false;
    } catch (error) {
      this.#report(new EditJournalError('This browser refused to back up unsaved edits.', { cause: error }));
    }
  }

  /** Taken as a save reads the document; handed to `saved` once that save is stored. */
  mark(): number {
    return this.#sequence;
  }

  /**
   * A save that read the document at `mark` is stored: adopted entries are removed (unless their
   * writer changed them since), and this document's own entry too unless edits came after `mark`.
   */
  saved(mark: number): void {
    const { storage } = this.#options;
    for (const [key, text] of this.#adopted) {
      if (storage.getItem(key) === text) storage.removeItem(key);
    }
    this.#adopted.clear();
    if (mark !== this.#sequence) return;
    this.#unsaved = null;
    this.#overflowed = false;
    storage.removeItem(this.#key);
  }

  // Reported once until a write succeeds again, not at every keystroke.
  #report(error: EditJournalError): void {
    if (this.#reported) return;
    this.#reported = true;
    this.#options.onError(error);
  }
}

function parseEntry(text: string): StoredEntry | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { database, update } = value as Record<string, unknown>;
    return typeof database === 'string' && typeof update === 'string' ? { database, update } : undefined;
  } catch {
    return undefined;
  }
}
