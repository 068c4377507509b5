import { describe, expect, it } from 'vitest';
import { newFormValues, type InteractionFormValues } from '$lib/ui/interaction-form';
import { newRecordDrafts } from '$lib/ui/new-record-draft';
import { forgetUnsavedWork } from '$lib/unsaved-work';
import { MemoryStorage } from '../memory-storage';

const ADA = 'ada-user-id';
const BEN = 'ben-user-id';
const LEEDS = 'leeds-site-id';
const YORK = 'york-site-id';

function typed(overrides: Partial<InteractionFormValues> = {}): InteractionFormValues {
  return { ...newFormValues({ zone: 'Europe/London', now: Date.UTC(2026, 2, 1, 9), type: 'Meeting' }), title: 'Half written', ...overrides };
}

describe('newRecordDrafts', () => {
  it('gives the person back the draft they wrote, for its site', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, ADA).write({ siteId: LEEDS, values: typed() });
    expect(newRecordDrafts(storage, ADA).read([LEEDS, YORK])).toEqual({ siteId: LEEDS, values: typed() });
  });

  it('never gives one person’s draft to another who signs in on the device', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, ADA).write({ siteId: LEEDS, values: typed() });
    expect(newRecordDrafts(storage, BEN).read([LEEDS])).toBeUndefined();
  });

  it('does not offer a draft for a site the person can no longer create in, but keeps one made before choosing a site', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, ADA).write({ siteId: YORK, values: typed() });
    expect(newRecordDrafts(storage, ADA).read([LEEDS])).toBeUndefined();

    newRecordDrafts(storage, BEN).write({ siteId: '', values: typed({ title: 'No site yet' }) });
    expect(newRecordDrafts(storage, BEN).read([LEEDS])?.values.title).toBe('No site yet');
  });

  it('keeps one draft per person, moving it when they choose another site', () => {
    const storage = new MemoryStorage();
    const drafts = newRecordDrafts(storage, ADA);
    drafts.write({ siteId: LEEDS, values: typed() });
    drafts.write({ siteId: YORK, values: typed({ title: 'Moved' }) });
    expect(storage.keys()).toHaveLength(1);
    expect(drafts.read([LEEDS, YORK])).toEqual({ siteId: YORK, values: typed({ title: 'Moved' }) });
  });

  it('forgets the draft once cleared (saved or discarded)', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, BEN).write({ siteId: LEEDS, values: typed({ title: 'Ben’s' }) });
    const drafts = newRecordDrafts(storage, ADA);
    drafts.write({ siteId: LEEDS, values: typed() });
    drafts.clear();
    expect(drafts.read([LEEDS])).toBeUndefined();
    expect(newRecordDrafts(storage, BEN).read([LEEDS])?.values.title).toBe('Ben’s');
  });

  it('reads a draft some other version left in another shape as none', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, ADA).write({ siteId: LEEDS, values: typed() });
    const [key] = storage.keys();
    for (const text of ['not json', '{"title":"only a title"}', 'null', JSON.stringify({ ...typed(), notes: 3 })]) {
      storage.setItem(key, text);
      expect(newRecordDrafts(storage, ADA).read([LEEDS])).toBeUndefined();
    }
  });

  it('goes on without a draft when localStorage is full or missing', () => {
    const storage = new MemoryStorage();
    storage.quotaChars = 10;
    expect(() => newRecordDrafts(storage, ADA).write({ siteId: LEEDS, values: typed() })).not.toThrow();
    expect(newRecordDrafts(storage, ADA).read([LEEDS])).toBeUndefined();
    const none = newRecordDrafts(undefined, ADA);
    none.write({ siteId: LEEDS, values: typed() });
    expect(none.read([LEEDS])).toBeUndefined();
  });
});

describe('forgetUnsavedWork', () => {
  it('removes the drafts of removed sites, and on sign-out the person’s draft for no site yet', () => {
    const storage = new MemoryStorage();
    newRecordDrafts(storage, ADA).write({ siteId: LEEDS, values: typed() });
    newRecordDrafts(storage, BEN).write({ siteId: YORK, values: typed() });
    newRecordDrafts(storage, 'cleo-user-id').write({ siteId: '', values: typed() });

    forgetUnsavedWork({ siteIds: [LEEDS], userId: 'cleo-user-id' }, storage);
    expect(newRecordDrafts(storage, ADA).read([LEEDS])).toBeUndefined();
    expect(newRecordDrafts(storage, 'cleo-user-id').read([LEEDS])).toBeUndefined();
    expect(newRecordDrafts(storage, BEN).read([YORK])).toBeDefined();
  });
});
