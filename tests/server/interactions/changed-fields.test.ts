import { describe, expect, it } from 'vitest';
import type { InteractionFields } from '../../../src/lib/domain';
import { changedFieldNames } from '../../../src/lib/domain';
import { fieldChanges } from '../../../sync-server/services/changed-fields';

const BEFORE: InteractionFields = {
  title: 'Drop-in',
  type: 'Meeting',
  lead: 'Ben Carter',
  startDatetime: '2020-03-02T09:30:00.000Z',
  endDatetime: '2020-03-02T10:30:00.000Z',
  timezone: 'Europe/London',
  location: null,
  description: 'Went through the agreement.',
  notes: 'Call back.'
};

describe('fieldChanges', () => {
  it('lists a create’s fields that hold a value, each from null, in the schema’s order', () => {
    const changes = fieldChanges(undefined, BEFORE);
    expect(changes.map(({ field }) => field)).toEqual([
      'title',
      'type',
      'lead',
      'startDatetime',
      'endDatetime',
      'timezone',
      'description',
      'notes'
    ]);
    expect(changes.every(({ from }) => from === null)).toBe(true);
    expect(changes[0]).toEqual({ field: 'title', from: null, to: 'Drop-in' });
  });

  it('lists only the fields an edit changed, with the value before and after', () => {
    expect(fieldChanges(BEFORE, { ...BEFORE, title: 'Drop-in clinic', location: 'Room 2', notes: null })).toEqual([
      { field: 'title', from: 'Drop-in', to: 'Drop-in clinic' },
      { field: 'location', from: null, to: 'Room 2' },
      { field: 'notes', from: 'Call back.', to: null }
    ]);
  });

  it('leaves an empty optional field out of a create and takes an empty text for null as no change', () => {
    const created = fieldChanges(undefined, { ...BEFORE, location: '', notes: null });
    expect(created.map(({ field }) => field)).toEqual(['title', 'type', 'lead', 'startDatetime', 'endDatetime', 'timezone', 'description']);
    expect(fieldChanges(BEFORE, { ...BEFORE, location: '' })).toEqual([]);
  });

  it('takes an instant written in another offset as no change, and a moved one as a change', () => {
    expect(fieldChanges(BEFORE, { ...BEFORE, startDatetime: '2020-03-02T10:30:00+01:00' })).toEqual([]);
    expect(fieldChanges(BEFORE, { ...BEFORE, endDatetime: '2020-03-02T11:00:00Z' })).toEqual([
      { field: 'endDatetime', from: '2020-03-02T10:30:00.000Z', to: '2020-03-02T11:00:00Z' }
    ]);
  });

  it('names the same fields as changedFieldNames', () => {
    const after = { ...BEFORE, lead: 'Ada Lindqvist', description: 'Another summary.' };
    expect(fieldChanges(BEFORE, after).map(({ field }) => field)).toEqual(changedFieldNames(BEFORE, after));
  });
});
