import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EditJournal, EditJournalError } from '$lib/collab/edit-journal';
import { uuidv7 } from '$lib/domain';
import { readInteractionFields } from '$lib/domain/crdt';
import { forgetUnsavedWork } from '$lib/unsaved-work';
import { MemoryStorage } from '../memory-storage';
import { storedRecord } from './stored-record';

const SITE = uuidv7();
const OTHER_SITE = uuidv7();
const DATABASE = 'storage-token-1';


interface Writer {
  doc: Y.Doc;
  journal: EditJournal;
  onError: ReturnType<typeof vi.fn>;
}

/** One open copy of the record: its document seeded from the stored state, journaling every edit. */
function openCopy(options: {
  storage: MemoryStorage;
  record: { id: string; state: Uint8Array };
  siteId?: string;
  databaseToken?: string;
  maxBytes?: number;
}): Writer {
  const doc = new Y.Doc({ guid: options.record.id });
  Y.applyUpdate(doc, options.record.state);
  const onError = vi.fn();
  const journal = new EditJournal({
    storage: options.storage,
    siteId: options.siteId ?? SITE,
    interactionId: options.record.id,
    databaseToken: options.databaseToken ?? DATABASE,
    maxBytes: options.maxBytes,
    onError
  });
  journal.adopt((update) => Y.applyUpdate(doc, update));
  doc.on('update', (update: Uint8Array) => journal.record(update));
  return { doc, journal, onError };
}

function type(writer: Writer, text: string): void {
  const notes = writer.doc.getText('notes');
  notes.insert(notes.length, text);
}

const notesOf = (doc: Y.Doc) => readInteractionFields(doc).notes ?? '';

describe('EditJournal', () => {
  it('keeps each edit in localStorage as it is made, under the site, the record and its writer', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const tab = openCopy({ storage, record });
    type(tab, 'Typed');
    type(tab, ' just now');

    const [key] = storage.keys();
    expect(storage.keys()).toHaveLength(1);
    expect(key).toMatch(new RegExp(`^ims-unsaved:${SITE}:${record.id}:[0-9a-f-]{36}$`));
    const reopened = openCopy({ storage, record });
    expect(notesOf(reopened.doc)).toBe('Typed just now');
  });

  it('applies the entries of every writer of the record, its own and other tabs’, and no other record’s', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const other = storedRecord();
    type(openCopy({ storage, record }), 'A');
    type(openCopy({ storage, record }), 'B');
    type(openCopy({ storage, record: other }), 'elsewhere');

    const reopened = openCopy({ storage, record });
    expect([...notesOf(reopened.doc)].sort().join('')).toBe('AB');
  });

  it('removes adopted entries once a save that includes them is stored, and not before', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    type(openCopy({ storage, record }), 'Left by a closed tab');
    const reopened = openCopy({ storage, record });
    expect(storage.keys()).toHaveLength(1);

    reopened.journal.saved(reopened.journal.mark());
    expect(storage.keys()).toEqual([]);
  });

  it('leaves an adopted entry that its writer changed after it was adopted', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const stillOpen = openCopy({ storage, record });
    type(stillOpen, 'first');
    const other = openCopy({ storage, record });
    type(stillOpen, ' second');

    other.journal.saved(other.journal.mark());
    expect(notesOf(openCopy({ storage, record }).doc)).toBe('first second');
  });

  it('removes its own entry after a save only when nothing was journaled after that save read the document', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const tab = openCopy({ storage, record });
    type(tab, 'saved');
    const mark = tab.journal.mark();
    type(tab, ' typed during the save');

    tab.journal.saved(mark);
    expect(storage.keys()).toHaveLength(1);
    expect(notesOf(openCopy({ storage, record }).doc)).toBe('saved typed during the save');

    tab.journal.saved(tab.journal.mark());
    expect(storage.keys()).toEqual([]);
  });

  it('drops unread the entries of an earlier database of the site, which was purged since', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const other = storedRecord();
    type(openCopy({ storage, record, databaseToken: 'before the purge' }), 'purged text');
    type(openCopy({ storage, record: other, databaseToken: 'before the purge' }), 'purged too');
    type(openCopy({ storage, record, siteId: OTHER_SITE, databaseToken: 'another site' }), 'kept');

    const reopened = openCopy({ storage, record });
    expect(notesOf(reopened.doc)).toBe('');
    expect(storage.keys()).toHaveLength(1);
    expect(storage.keys()[0]).toContain(OTHER_SITE);
  });

  it('removes and reports an entry that does not apply', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    storage.setItem(`ims-unsaved:${SITE}:${record.id}:garbage`, JSON.stringify({ database: DATABASE, update: 'AAECAwQF' }));

    const reopened = openCopy({ storage, record });
    expect(reopened.onError).toHaveBeenCalledWith(expect.any(EditJournalError));
    expect(storage.keys()).toEqual([]);
    type(reopened, 'still typing');
    expect(notesOf(reopened.doc)).toBe('still typing');
  });

  it('stops journaling past its size bound, reports it once and keeps the older entry, and starts again after a save', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const tab = openCopy({ storage, record, maxBytes: 2_000 });
    type(tab, 'kept');
    const kept = storage.getItem(storage.keys()[0]);
    type(tab, 'x'.repeat(3_000));
    type(tab, 'y');

    expect(tab.onError).toHaveBeenCalledTimes(1);
    expect(tab.onError).toHaveBeenCalledWith(expect.any(EditJournalError));
    expect(storage.keys()).toHaveLength(1);
    expect(storage.getItem(storage.keys()[0])).toBe(kept);
    expect(notesOf(tab.doc)).toBe('kept' + 'x'.repeat(3_000) + 'y');

    const saved = { id: record.id, state: Y.encodeStateAsUpdate(tab.doc) };
    tab.journal.saved(tab.journal.mark());
    expect(storage.keys()).toEqual([]);
    type(tab, ' after the save');
    expect(notesOf(openCopy({ storage, record: saved }).doc)).toBe('kept' + 'x'.repeat(3_000) + 'y after the save');
  });

  it('reports a full localStorage once and goes on, and writes again once there is room', () => {
    const storage = new MemoryStorage();
    storage.quotaChars = 100;
    const record = storedRecord();
    const tab = openCopy({ storage, record });
    expect(() => {
      type(tab, 'no room');
      type(tab, ' still none');
    }).not.toThrow();
    expect(tab.onError).toHaveBeenCalledTimes(1);
    expect(tab.onError.mock.calls[0][0].cause).toMatchObject({ name: 'QuotaExceededError' });

    storage.quotaChars = Number.POSITIVE_INFINITY;
    type(tab, '.');
    expect(notesOf(openCopy({ storage, record }).doc)).toBe('no room still none.');
  });
});

describe('forgetUnsavedWork', () => {
  it('removes the journal entries of the removed sites only', () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    type(openCopy({ storage, record }), 'removed');
    type(openCopy({ storage, record, siteId: OTHER_SITE }), 'kept');

    forgetUnsavedWork({ siteIds: [SITE] }, storage);
    expect(storage.keys()).toHaveLength(1);
    expect(storage.keys()[0]).toContain(OTHER_SITE);
  });
});
