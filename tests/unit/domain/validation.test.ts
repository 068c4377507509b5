import { describe, expect, it } from 'vitest';
import {
  validateInteractionFields,
  validateInteractionPatch,
  type InteractionRules
} from '$lib/domain';
import { validFields } from '../../support/valid-fields';

/** Valid fields with some replaced by any JS value; `undefined` removes the field. */
function fieldsWith(changes: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...validFields(), ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete fields[name];
  return fields;
}

function failure(field: string, message: string) {
  return { ok: false, errors: [{ field, message }] };
}

const required = (label: string) => `${label} is required.`;
const tooLong = (label: string, max: number) =>
  `${label} must be at most ${max} characters (it has ${max + 1}).`;
const needsOffset = (label: string) =>
  `${label} must be a date and time with its offset, such as 2026-03-01T09:30:00Z.`;
const DEFAULT_TYPES = 'Meeting, Call, Email, Site visit, Workshop, Other';
const NOT_A_ZONE = 'Timezone must be an IANA time zone name, such as Europe/London.';
const END_FIRST = 'End must be after the start.';

type Problem = [problem: string, value: unknown, message: string];

// Each field set alone to a value that breaks one of its rules.
const brokenFields: Record<string, Problem[]> = {
  title: [
    ['is missing', undefined, required('Title')],
    ['is only whitespace', ' \t\n ', required('Title')],
    ['has 101 characters', 'a'.repeat(101), tooLong('Title', 100)],
    ['is a number', 42, 'Title must be text.'],
    ['holds a NUL character', 'Budget\u0000review', unstorable('Title')]
  ],
  type: [
    ['is missing', undefined, required('Type')],
    ['is not in the default list', 'Party', `Type must be one of: ${DEFAULT_TYPES}.`],
    ['is too long and not in the list', 't'.repeat(51), tooLong('Type', 50)]
  ],
  lead: [
    ['is missing', undefined, required('Lead')],
    ['has 101 characters', 'l'.repeat(101), tooLong('Lead', 100)]
  ],
  startDatetime: [
    ['is missing', undefined, required('Start')],
    ['has no offset', '2026-03-01T09:30:00', needsOffset('Start')],
    ['is not a date', 'next Tuesday', needsOffset('Start')],
    ['is 30 February', '2026-02-30T10:00:00Z', needsOffset('Start')]
  ],
  endDatetime: [
    ['is missing', undefined, required('End')],
    ['has no offset', '2026-03-01T10:30', needsOffset('End')],
    ['is 31 April', '2026-04-31T10:00:00Z', needsOffset('End')],
    ['equals the start', '2026-03-01T09:30:00Z', END_FIRST],
    ['is before the start', '2026-03-01T09:00:00Z', END_FIRST]
  ],
  timezone: [
    ['is an unknown zone', 'Mars/Olympus', NOT_A_ZONE],
    ['is a raw offset', '+01:00', NOT_A_ZONE],
    ['is empty', '', required('Timezone')],
    ['is only whitespace', '   ', required('Timezone')]
  ],
  location: [['has 201 characters', 'x'.repeat(201), tooLong('Location', 200)]],
  description: [
    ['is missing', undefined, required('Description')],
    ['is empty', '', required('Description')]
  ],
  notes: [
    ['is an object', { text: 'hi' }, 'Notes must be text.'],
    ['holds half of an emoji', 'Great \uD83D call', unstorable('Notes')]
  ]
};

function unstorable(label: string): string {
  return `${label} contains a character that cannot be stored (a NUL or a broken emoji).`;
}

const brokenRules = Object.entries(brokenFields).flatMap(([field, problems]) =>
  problems.map(([problem, value, message]) => ({ field, problem, value, message }))
);

interface AcceptedInput {
  input: string;
  changes: Record<string, unknown>;
  rules?: InteractionRules;
}

const acceptedInputs: AcceptedInput[] = [
  { input: 'a title of exactly 100 characters', changes: { title: 'a'.repeat(100) } },
  // 200 UTF-16 code units, but 100 characters as Postgres counts them.
  { input: 'a title of 100 emoji', changes: { title: '😀'.repeat(100) } },
  {
    input: 'a type from the site’s own list',
    changes: { type: 'Inspection' },
    rules: { allowedTypes: ['Inspection'] }
  },
  { input: 'the time zone America/New_York', changes: { timezone: 'America/New_York' } },
  { input: 'the time zone UTC', changes: { timezone: 'UTC' } },
  {
    input: 'start and end with numeric offsets and fractions of a second',
    changes: {
      startDatetime: '2026-03-01T09:30:00.250+05:30',
      endDatetime: '2026-03-01T04:00:00.251-00:00'
    }
  },
  { input: 'a null location and null notes', changes: { location: null, notes: null } },
  { input: 'a location of exactly 200 characters', changes: { location: 'x'.repeat(200) } }
];

describe('validateInteractionFields', () => {
  it.each(brokenRules)('rejects $field when it $problem', ({ field, value, message }) => {
    const result = validateInteractionFields(fieldsWith({ [field]: value }));
    expect(result).toEqual(failure(field, message));
  });

  it('rejects a type over 50 characters even when the site lists it', () => {
    const type = 'T'.repeat(51);
    expect(validateInteractionFields(fieldsWith({ type }), { allowedTypes: [type] })).toEqual(
      failure('type', tooLong('Type', 50))
    );
  });

  it('enforces the site’s own list of types instead of the default one', () => {
    const rules = { allowedTypes: ['Inspection', 'Audit'] };
    expect(validateInteractionFields(fieldsWith({ type: 'Meeting' }), rules)).toEqual(
      failure('type', 'Type must be one of: Inspection, Audit.')
    );
  });

  it.each([
    ['an end at the same instant as the start', '2026-03-01T10:00:00+01:00', '2026-03-01T11:00:00+02:00'],
    ['an end that reads later but is earlier', '2026-03-01T09:00:00Z', '2026-03-01T10:30:00+02:00']
  ])('compares instants, not text: rejects %s', (_, startDatetime, endDatetime) => {
    const result = validateInteractionFields(fieldsWith({ startDatetime, endDatetime }));
    expect(result).toEqual(failure('endDatetime', END_FIRST));
  });

  it('reports an unknown property by name', () => {
    expect(validateInteractionFields(fieldsWith({ colour: 'red' }))).toEqual(
      failure('colour', '“colour” is not a field of an interaction.')
    );
  });

  it.each(acceptedInputs)('accepts $input', ({ changes, rules }) => {
    expect(validateInteractionFields(fieldsWith(changes), rules)).toEqual({
      ok: true,
      value: fieldsWith(changes)
    });
  });

  it.each([
    ['an array', [validFields()]],
    ['null', null],
    ['a string', 'Quarterly review'],
    ['undefined', undefined]
  ])('reports %s as input instead of throwing', (_, input) => {
    expect(validateInteractionFields(input)).toEqual(
      failure('', 'An interaction must be an object of fields.')
    );
  });

  it('reports every broken rule at once, not just the first', () => {
    const input = fieldsWith({
      title: '',
      type: 'Party',
      endDatetime: '2026-03-01T08:00:00Z',
      timezone: 'Mars/Olympus',
      notes: 7,
      colour: 'red'
    });
    const result = validateInteractionFields(input);
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((error) => error.field);
    expect(fields.sort()).toEqual(['colour', 'endDatetime', 'notes', 'timezone', 'title', 'type']);
  });

  it('returns text exactly as given, without trimming or escaping', () => {
    const text = {
      title: '  Padded title  ',
      location: "Robert'); DROP TABLE interactions;--",
      description: '<script>alert("x")</script>\r\n\t',
      notes: ' \u00a0é\u200b '
    };
    const result = validateInteractionFields(fieldsWith(text));
    expect(result).toEqual({ ok: true, value: { ...validFields(), ...text } });
  });

  it('returns absent optional fields as null', () => {
    const result = validateInteractionFields(fieldsWith({ location: undefined, notes: undefined }));
    expect(result).toEqual({ ok: true, value: { ...validFields(), location: null, notes: null } });
  });
});

describe('validateInteractionPatch', () => {
  const current = validFields({
    startDatetime: '2026-03-01T09:30:00Z',
    endDatetime: '2026-03-01T10:30:00Z'
  });

  it('returns the merged record for a valid patch', () => {
    expect(validateInteractionPatch(current, { title: 'Renamed' })).toEqual({
      ok: true,
      value: { ...current, title: 'Renamed' }
    });
  });

  it('fails on endDatetime when the patch moves the end before the current start', () => {
    expect(validateInteractionPatch(current, { endDatetime: '2026-03-01T09:00:00Z' })).toEqual(
      failure('endDatetime', END_FIRST)
    );
  });

  it('fails on endDatetime when the patch moves the start past the current end', () => {
    expect(validateInteractionPatch(current, { startDatetime: '2026-03-01T11:00:00Z' })).toEqual(
      failure('endDatetime', END_FIRST)
    );
  });

  it('checks the patched fields against their own rules', () => {
    expect(validateInteractionPatch(current, { title: 'a'.repeat(101) })).toEqual(
      failure('title', tooLong('Title', 100))
    );
  });

  it('checks a patched type against the site’s own list', () => {
    const rules = { allowedTypes: ['Meeting'] };
    expect(validateInteractionPatch(current, { type: 'Call' }, rules)).toEqual(
      failure('type', 'Type must be one of: Meeting.')
    );
  });

  it('reports an unknown property in the patch by name', () => {
    expect(validateInteractionPatch(current, { deleted: true })).toEqual(
      failure('deleted', '“deleted” is not a field of an interaction.')
    );
  });

  it.each([
    ['null', null],
    ['an array', [{ title: 'Renamed' }]]
  ])('reports %s as patch instead of throwing', (_, patch) => {
    expect(validateInteractionPatch(current, patch)).toEqual(
      failure('', 'A change must be an object of fields.')
    );
  });
});
