import { describe, expect, it } from 'vitest';
import { fieldMessages } from '$lib/domain';
import {
  changedFields,
  fieldSpec,
  firstInvalidField,
  formValuesFrom,
  isDirty,
  newFormValues,
  rebase,
  toInteractionFields,
  validateForm,
  type InteractionFormValues
} from '$lib/ui/interaction-form';

const TYPES = ['Meeting', 'Call'];

function values(overrides: Partial<InteractionFormValues> = {}): InteractionFormValues {
  return {
    title: 'Quarterly review',
    type: 'Meeting',
    lead: 'Ada Lovelace',
    start: '2026-03-01T10:30',
    end: '2026-03-01T11:30',
    timezone: 'Europe/Paris',
    location: '',
    description: 'Went through the plan.',
    notes: '',
    ...overrides
  };
}

describe('fieldSpec', () => {
  it('reads labels, required flags and limits from the domain schema', () => {
    expect(fieldSpec('title')).toEqual({ label: 'Title', required: true, maxLength: 100 });
    expect(fieldSpec('location')).toEqual({ label: 'Location', required: false, maxLength: 200 });
    expect(fieldSpec('start')).toEqual({ label: 'Start', required: true, maxLength: undefined });
    expect(fieldSpec('notes').required).toBe(false);
  });
});

describe('toInteractionFields', () => {
  it('turns wall times into instants in the chosen zone and empty optional fields into null', () => {
    expect(toInteractionFields(values())).toEqual({
      fields: {
        title: 'Quarterly review',
        type: 'Meeting',
        lead: 'Ada Lovelace',
        startDatetime: '2026-03-01T10:30:00+01:00',
        endDatetime: '2026-03-01T11:30:00+01:00',
        timezone: 'Europe/Paris',
        location: null,
        description: 'Went through the plan.',
        notes: null
      },
      shifted: []
    });
  });

  it('reports which times fell into a clock-change gap', () => {
    const converted = toInteractionFields(values({ start: '2026-03-29T02:30', end: '2026-03-29T04:00' }));
    expect(converted.fields.startDatetime).toBe('2026-03-29T03:30:00+02:00');
    expect(converted.shifted).toEqual(['start']);
  });

  it('keeps text exactly as typed', () => {
    expect(toInteractionFields(values({ title: '  spaced  ' })).fields.title).toBe('  spaced  ');
  });
});

describe('validateForm', () => {
  it('accepts a complete form', () => {
    expect(validateForm(values(), TYPES)).toEqual({});
  });

  it("reports the domain's messages against the form's fields", () => {
    const errors = validateForm(values({ title: '', start: '', type: 'Email', end: '2026-03-01T10:00' }), TYPES);
    expect(errors).toEqual({
      title: fieldMessages.required('Title'),
      type: fieldMessages.notOneOf('Type', TYPES),
      start: fieldMessages.required('Start')
    });
  });

  it('puts an end before the start on the end field', () => {
    expect(validateForm(values({ end: '2026-03-01T09:00' }), TYPES)).toEqual({ end: fieldMessages.endBeforeStart() });
  });

  it('refuses a year the server would refuse, with the same words', () => {
    expect(validateForm(values({ start: '0999-03-01T10:30', end: '0999-03-01T11:30' }), TYPES)).toEqual({
      start: fieldMessages.instantOutOfRange('Start'),
      end: fieldMessages.instantOutOfRange('End')
    });
  });

  it('reports an unknown zone once, on the timezone field', () => {
    expect(validateForm(values({ timezone: 'Europe/Atlantis' }), TYPES)).toEqual({
      timezone: fieldMessages.notTimeZone()
    });
  });

  it('counts length as the domain does, in characters', () => {
    expect(validateForm(values({ title: '🎉'.repeat(100) }), TYPES)).toEqual({});
    expect(validateForm(values({ title: 'x'.repeat(101) }), TYPES).title).toBe(fieldMessages.tooLong('Title', 100, 101));
  });

  it('names the first invalid field in form order', () => {
    expect(firstInvalidField({ notes: 'x', lead: 'y' })).toBe('lead');
    expect(firstInvalidField({})).toBeUndefined();
  });
});

describe('formValuesFrom', () => {
  it("shows the stored instants as wall times in the record's own zone", () => {
    const form = formValuesFrom({
      ...toInteractionFields(values()).fields,
      startDatetime: '2026-03-01T09:30:00.000Z',
      endDatetime: '2026-03-01T10:30:00.000Z',
      location: null,
      notes: null
    } as never);
    expect(form).toEqual(values());
  });
});

describe('newFormValues', () => {
  it('starts at the next full hour in the zone, for an hour', () => {
    const form = newFormValues({ zone: 'Asia/Tokyo', now: Date.parse('2026-05-04T23:10:00Z'), type: 'Call' });
    expect(form).toMatchObject({ start: '2026-05-05T09:00', end: '2026-05-05T10:00', timezone: 'Asia/Tokyo', type: 'Call' });
  });
});

describe('changedFields', () => {
  it('is empty for an untouched form and names only what changed', () => {
    expect(changedFields(values(), values())).toEqual({});
    expect(changedFields(values(), values({ lead: 'Grace' }))).toEqual({ lead: 'Grace' });
    expect(changedFields(values(), values({ location: 'Room 4' }))).toEqual({ location: 'Room 4' });
  });

  it('changes start and end with the zone, since the same wall time is then another instant', () => {
    expect(changedFields(values(), values({ timezone: 'Europe/London' }))).toEqual({
      timezone: 'Europe/London',
      startDatetime: '2026-03-01T10:30:00+00:00',
      endDatetime: '2026-03-01T11:30:00+00:00'
    });
  });

  it('does not count a zone with the same offset as a change of time', () => {
    expect(changedFields(values(), values({ timezone: 'Europe/Berlin' }))).toEqual({ timezone: 'Europe/Berlin' });
  });
});

describe('isDirty and rebase', () => {
  it('detects edits', () => {
    expect(isDirty(values(), values())).toBe(false);
    expect(isDirty(values(), values({ notes: 'x' }))).toBe(true);
  });

  it('takes changes made elsewhere into untouched fields and keeps the local edits', () => {
    const base = values();
    const local = values({ title: 'Mine' });
    const incoming = values({ title: 'Theirs', lead: 'Grace Hopper' });
    expect(rebase(base, local, incoming)).toEqual({
      base: incoming,
      values: values({ title: 'Mine', lead: 'Grace Hopper' })
    });
  });
});
