import { describe, expect, it } from 'vitest';
import type { RecordHistoryEntry } from '$lib/domain/sync-protocol';
import { describeChanges, fieldLabel, formatFieldValue, personName, receivedLater } from '$lib/ui/record-provenance';
import { formatInZone } from '$lib/ui/time-display';

function entry(overrides: Partial<RecordHistoryEntry> = {}): RecordHistoryEntry {
  return {
    id: 1,
    action: 'update',
    changedFields: [],
    changes: [],
    user: { id: 'u1', name: 'Ada Lindqvist' },
    authoredAt: '2021-03-02T09:00:00.000Z',
    receivedAt: '2021-03-02T09:00:00.500Z',
    ...overrides
  };
}

describe('record provenance display', () => {
  it('labels fields as the form does, from the domain schema', () => {
    expect(fieldLabel('startDatetime')).toBe('Start');
    expect(fieldLabel('notes')).toBe('Notes');
    expect(fieldLabel('deleted')).toBe('Deleted');
  });

  it('shows instants in the record’s zone and nothing as “empty”', () => {
    expect(formatFieldValue('startDatetime', '2021-03-02T09:00:00Z', 'Africa/Nairobi')).toBe(
      formatInZone('2021-03-02T09:00:00Z', 'Africa/Nairobi')
    );
    expect(formatFieldValue('startDatetime', '2021-03-02T09:00:00Z', 'Africa/Nairobi')).toContain('EAT');
    expect(formatFieldValue('location', null, 'UTC')).toBe('empty');
    expect(formatFieldValue('title', 'A title', 'UTC')).toBe('A title');
  });

  it('describes an edit from → to, a create without from, and an old entry by its field names', () => {
    const edit = entry({ changes: [{ field: 'location', from: null, to: 'Room 4' }] });
    expect(describeChanges(edit, 'UTC')).toEqual([{ field: 'location', label: 'Location', from: 'empty', to: 'Room 4', concurrent: false }]);
    const create = entry({ action: 'create', changes: [{ field: 'title', from: null, to: 'New' }] });
    expect(describeChanges(create, 'UTC')).toEqual([{ field: 'title', label: 'Title', from: undefined, to: 'New', concurrent: false }]);
    const overwritten = entry({ changes: [{ field: 'type', from: 'Call', to: 'Site visit', concurrent: true }] });
    expect(describeChanges(overwritten, 'UTC')).toEqual([{ field: 'type', label: 'Type', from: 'Call', to: 'Site visit', concurrent: true }]);
    const old = entry({ changedFields: ['title', 'lead'] });
    expect(describeChanges(old, 'UTC')).toEqual([
      { field: 'title', label: 'Title' },
      { field: 'lead', label: 'Lead' }
    ]);
  });

  it('points out a change received more than a minute after it was made', () => {
    expect(receivedLater(entry())).toBe(false);
    expect(receivedLater(entry({ receivedAt: '2021-03-02T09:00:59.000Z' }))).toBe(false);
    expect(receivedLater(entry({ receivedAt: '2021-03-02T09:01:01.000Z' }))).toBe(true);
  });

  it('names the signed-in user for their own records whose names have not come yet, and nobody else', () => {
    const me = { id: 'u1', name: 'Ada Lindqvist' };
    expect(personName({ id: 'u2', name: 'Ben Carter' }, me)).toBe('Ben Carter');
    expect(personName({ id: 'u1', name: '' }, me)).toBe('Ada Lindqvist');
    expect(personName({ id: 'u2', name: '' }, me)).toBeUndefined();
  });
});
