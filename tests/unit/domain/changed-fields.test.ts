import { describe, expect, it } from 'vitest';
import {
  INTERACTION_FIELD_NAMES,
  changedFieldNames,
  changedFields,
  sameFieldValue,
  type InteractionFieldValues,
  type InteractionFields
} from '$lib/domain';
import { validFields } from '../../support/valid-fields';

// Another valid value for every field; typed as the whole record so a new field must be added here.
const OTHER_VALUES: InteractionFields = {
  title: 'Annual review',
  type: 'Call',
  lead: 'Grace Hopper',
  startDatetime: '2026-03-01T09:45:00Z',
  endDatetime: '2026-03-01T11:00:00Z',
  timezone: 'Europe/Paris',
  location: 'Room 5',
  description: 'Agreed the budget.',
  notes: 'Send the minutes.'
};

describe('changedFieldNames', () => {
  it('is empty for the same record', () => {
    expect(changedFieldNames(validFields(), validFields())).toEqual([]);
  });

  it.each(INTERACTION_FIELD_NAMES)('names %s alone when only it changed', (name) => {
    expect(changedFieldNames(validFields(), validFields({ [name]: OTHER_VALUES[name] }))).toEqual([name]);
  });

  it('names every field, in the schema’s order, when all changed', () => {
    expect(changedFieldNames(validFields(), OTHER_VALUES)).toEqual(INTERACTION_FIELD_NAMES);
  });

  it('takes an emptied optional field as no change whether it is written as null or as an empty text', () => {
    const empty = validFields({ location: null, notes: null });
    expect(changedFieldNames(empty, validFields({ location: '', notes: '' }))).toEqual([]);
    expect(changedFieldNames(validFields({ location: '', notes: '' }), empty)).toEqual([]);
  });

  it('takes an instant written in another form of the same moment as no change', () => {
    const utc = validFields({ startDatetime: '2026-03-01T09:30:00Z', endDatetime: '2026-03-01T10:30:00Z' });
    expect(
      changedFieldNames(utc, validFields({ startDatetime: '2026-03-01T09:30:00+00:00', endDatetime: '2026-03-01T10:30:00.000Z' }))
    ).toEqual([]);
    expect(
      changedFieldNames(utc, validFields({ startDatetime: '2026-03-01T10:30:00+01:00', endDatetime: '2026-03-01T05:30:00.000000-05:00' }))
    ).toEqual([]);
  });

  it('names an instant moved by a second or by a microsecond', () => {
    const before = validFields({ startDatetime: '2026-03-01T09:30:00Z', endDatetime: '2026-03-01T10:30:00.000000Z' });
    const after = validFields({ startDatetime: '2026-03-01T09:30:01Z', endDatetime: '2026-03-01T10:30:00.000001Z' });
    expect(changedFieldNames(before, after)).toEqual(['startDatetime', 'endDatetime']);
  });
});

describe('sameFieldValue', () => {
  it('takes null, an empty text and a missing value as one for an optional field', () => {
    for (const name of ['location', 'notes'] as const) {
      expect(sameFieldValue(name, '', null)).toBe(true);
      expect(sameFieldValue(name, null, '')).toBe(true);
      expect(sameFieldValue(name, undefined, '')).toBe(true);
      expect(sameFieldValue(name, null, undefined)).toBe(true);
      expect(sameFieldValue(name, null, 'Room 4')).toBe(false);
      expect(sameFieldValue(name, '', ' ')).toBe(false);
    }
  });

  it('keeps an empty required field apart from a missing one, so the change reaches validation', () => {
    expect(sameFieldValue('title', '', null)).toBe(false);
    expect(sameFieldValue('description', '', undefined)).toBe(false);
    expect(sameFieldValue('startDatetime', undefined, '2026-03-01T09:30:00Z')).toBe(false);
  });

  it('compares a fraction of a second by its digits, trailing zeros aside', () => {
    expect(sameFieldValue('startDatetime', '2026-03-01T09:30:00.5Z', '2026-03-01T09:30:00.500000Z')).toBe(true);
    expect(sameFieldValue('startDatetime', '2026-03-01T09:30:00.123456Z', '2026-03-01T09:30:00.123457Z')).toBe(false);
  });

  it('compares only written instants as moments', () => {
    expect(sameFieldValue('startDatetime', '2026-03-01', '2026-03-01T00:00:00Z')).toBe(false);
    expect(sameFieldValue('startDatetime', 'not a date', 'not a date either')).toBe(false);
  });

  it('compares other fields as written, even when they look like instants', () => {
    expect(sameFieldValue('title', '2026-03-01T09:30:00Z', '2026-03-01T09:30:00+00:00')).toBe(false);
    expect(sameFieldValue('lead', 'Ada', 'ada')).toBe(false);
  });
});

describe('changedFields', () => {
  it('is empty for the same record', () => {
    expect(changedFields(validFields(), validFields())).toEqual({});
  });

  it('holds the new value of each changed field and nothing else', () => {
    // The same start instant written with another offset is no change.
    const before = validFields({ startDatetime: '2026-03-01T09:30:00Z' });
    const after = validFields({ title: 'Annual review', location: null, startDatetime: '2026-03-01T10:30:00+01:00' });
    expect(changedFields(before, after)).toEqual({ title: 'Annual review', location: null });
  });

  it('holds a field the new values leave undefined', () => {
    const patch = changedFields<InteractionFieldValues>(validFields(), { ...validFields(), endDatetime: undefined });
    expect(patch).toEqual({ endDatetime: undefined });
    expect(Object.keys(patch)).toEqual(['endDatetime']);
  });
});
