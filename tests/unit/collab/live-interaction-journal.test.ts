import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditJournal } from '$lib/collab/edit-journal';
import { LOCAL_EDIT, LiveInteraction } from '$lib/collab/live-interaction';
import { uuidv7 } from '$lib/domain';
import { readInteractionFields } from '$lib/domain/crdt';
import { MemoryStorage } from '../memory-storage';
import { storedRecord } from './stored-record';

const SITE = uuidv7();


interface Tab {
  live: LiveInteraction;
  /** What the tab's saves stored on the device, in order. */
  stored: Uint8Array[];
  errors: unknown[];
}

/** The record opened live in a tab, offline, journaling into `storage`. */
function openTab(options: { storage: MemoryStorage; record: { id: string; state: Uint8Array }; failingStore?: boolean }): Tab {
  const tab: Tab = { live: undefined as unknown as LiveInteraction, stored: [], errors: [] };
  const onError = (error: unknown) => tab.errors.push(error);
  tab.live = new LiveInteraction({
    siteId: SITE,
    interactionId: options.record.id,
    storedState: options.record.state,
    user: { id: 'ada', name: 'Ada' },
    store: async (state) => {
      if (options.failingStore) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      tab.stored.push(state);
    },
    onError,
    // Long enough that no debounced save runs during a test: only flush and close store.
    saveDelayMs: 60_000,
    journal: new EditJournal({ storage: options.storage, siteId: SITE, interactionId: options.record.id, databaseToken: 'db', onError })
  });
  return tab;
}

function type(tab: Tab, text: string): void {
  tab.live.doc.transact(() => {
    const notes = tab.live.doc.getText('notes');
    notes.insert(notes.length, text);
  }, LOCAL_EDIT);
}

function storedNotes(tab: Tab): string | null {
  const doc = new Y.Doc();
  for (const state of tab.stored) Y.applyUpdate(doc, state);
  return readInteractionFields(doc).notes;
}

describe('LiveInteraction with an edit journal', () => {
  it('brings back what a tab typed but never stored, stores it, and then removes the journal', async () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const closed = openTab({ storage, record });
    type(closed, 'Typed just before the tab closed.');
    expect(closed.stored).toEqual([]);

    const reopened = openTab({ storage, record });
    expect(reopened.live.texts().notes).toBe('Typed just before the tab closed.');
    expect(reopened.live.saving).toBe(true);
    await reopened.live.flush();
    expect(storedNotes(reopened)).toBe('Typed just before the tab closed.');
    expect(storage.keys()).toEqual([]);
    await reopened.live.close();
  });

  it('removes its entry once its own save stored the edits', async () => {
    const storage = new MemoryStorage();
    const tab = openTab({ storage, record: storedRecord() });
    type(tab, 'Stored in time.');
    expect(storage.keys()).toHaveLength(1);
    await tab.live.close();
    expect(storedNotes(tab)).toBe('Stored in time.');
    expect(storage.keys()).toEqual([]);
  });

  it('keeps the journal while the device refuses the save, so the next opening still has the edit', async () => {
    const storage = new MemoryStorage();
    const record = storedRecord();
    const full = openTab({ storage, record, failingStore: true });
    type(full, 'Written on a full disk.');
    await full.live.close();
    expect(full.errors).toEqual([expect.objectContaining({ name: 'QuotaExceededError' })]);

    const reopened = openTab({ storage, record });
    expect(reopened.live.texts().notes).toBe('Written on a full disk.');
    await reopened.live.close();
    expect(storage.keys()).toEqual([]);
  });

  it('journals nothing for a document only opened and closed', async () => {
    const storage = new MemoryStorage();
    const tab = openTab({ storage, record: storedRecord() });
    await tab.live.close();
    expect(storage.keys()).toEqual([]);
    expect(tab.stored).toEqual([]);
  });
});
