import {
  InteractionFieldsSchema,
  OPTIONAL_INTERACTION_FIELDS,
  changedFields as changedInteractionFields,
  validateInteractionFields,
  type FieldError,
  type InteractionFieldName,
  type InteractionFields
} from '$lib/domain';
import type { TSchema } from '@sinclair/typebox';
import { addMinutesToWallTime, instantToWallTime, isKnownTimeZone, wallTimeToInstant } from '$lib/domain/zoned-time';

/**
 * The interaction form's values: what the inputs hold, all text. Start and end are wall times
 * (`datetime-local` values) read in `timezone`; everything else is the domain field as typed.
 */
export interface InteractionFormValues {
  title: string;
  type: string;
  lead: string;
  start: string;
  end: string;
  timezone: string;
  location: string;
  description: string;
  notes: string;
}

export type FormField = keyof InteractionFormValues;

/** In the order the form shows them, which is the order errors are focused in. */
export const FORM_FIELDS: readonly FormField[] = [
  'title',
  'type',
  'lead',
  'start',
  'end',
  'timezone',
  'location',
  'description',
  'notes'
];

const DOMAIN_FIELD: Record<FormField, InteractionFieldName> = {
  title: 'title',
  type: 'type',
  lead: 'lead',
  start: 'startDatetime',
  end: 'endDatetime',
  timezone: 'timezone',
  location: 'location',
  description: 'description',
  notes: 'notes'
};

/** The form field that shows a domain field: `start` for `startDatetime`, and so on. */
export function formFieldOf(name: InteractionFieldName): FormField {
  return FORM_FIELDS.find((field) => DOMAIN_FIELD[field] === name)!;
}

export interface FieldSpec {
  label: string;
  required: boolean;
  maxLength?: number;
}

/** Label, whether required and the length limit of a form field, read from the domain schema. */
export function fieldSpec(field: FormField): FieldSpec {
  const name = DOMAIN_FIELD[field];
  const schema = InteractionFieldsSchema.properties[name] as TSchema;
  const text = (schema.anyOf?.find((member: TSchema) => member.type === 'string') ?? schema) as TSchema;
  return {
    label: schema.title as string,
    required: !OPTIONAL_INTERACTION_FIELDS.has(name),
    maxLength: text.maxLength as number | undefined
  };
}

export type FormErrors = Partial<Record<FormField, string>>;

export interface FormConversion {
  /** The domain fields, ready for `validateInteractionFields` or a write. */
  fields: Record<InteractionFieldName, string | null | undefined>;
  /** Start or end fell in a clock-change gap and was moved forward (see `ZonedInstant.shifted`). */
  shifted: FormField[];
}

/**
 * Turns the form's text into domain fields. An empty optional field is null; an empty or unreadable
 * date is left out, so the domain reports it as required. With a zone the runtime does not know,
 * times are read as UTC: the zone's own error is the one to show, not three.
 */
export function toInteractionFields(values: InteractionFormValues): FormConversion {
  const zone = isKnownTimeZone(values.timezone) ? values.timezone : 'UTC';
  const shifted: FormField[] = [];
  const instant = (field: 'start' | 'end') => {
    const converted = values[field] ? wallTimeToInstant(values[field], zone) : null;
    if (converted?.shifted) shifted.push(field);
    return converted?.iso;
  };
  return {
    fields: {
      title: values.title,
      type: values.type,
      lead: values.lead,
      startDatetime: instant('start'),
      endDatetime: instant('end'),
      timezone: values.timezone,
      location: values.location || null,
      description: values.description,
      notes: values.notes || null
    },
    shifted
  };
}

/** The domain's errors, keyed by the form field they belong to; the first per field is kept. */
export function errorsByField(errors: readonly FieldError[]): FormErrors {
  const byField: FormErrors = {};
  for (const error of errors) {
    const field = FORM_FIELDS.find((name) => DOMAIN_FIELD[name] === error.field);
    if (field && !byField[field]) byField[field] = error.message;
  }
  return byField;
}

/** Validates the form with the domain's rules and the site's interaction types. */
export function validateForm(values: InteractionFormValues, allowedTypes: readonly string[]): FormErrors {
  const result = validateInteractionFields(toInteractionFields(values).fields, { allowedTypes });
  return result.ok ? {} : errorsByField(result.errors);
}

/** The form's first field with an error, in the order the form shows them. */
export function firstInvalidField(errors: FormErrors): FormField | undefined {
  return FORM_FIELDS.find((field) => errors[field]);
}

/** The form's values for a stored interaction, times shown in the interaction's own zone. */
export function formValuesFrom(record: InteractionFields): InteractionFormValues {
  const zone = isKnownTimeZone(record.timezone) ? record.timezone : 'UTC';
  return {
    title: record.title,
    type: record.type,
    lead: record.lead,
    start: instantToWallTime(record.startDatetime, zone) ?? '',
    end: instantToWallTime(record.endDatetime, zone) ?? '',
    timezone: record.timezone,
    location: record.location ?? '',
    description: record.description,
    notes: record.notes ?? ''
  };
}

export interface NewFormOptions {
  /** The zone to start in: the browser's. */
  zone: string;
  /** Now, in ms since the epoch. */
  now: number;
  /** The type preselected, normally the site's first. */
  type: string;
}

/** A blank form starting at the next full hour, for an hour: what most meetings look like. */
export function newFormValues(options: NewFormOptions): InteractionFormValues {
  const nowWall = instantToWallTime(new Date(options.now).toISOString(), options.zone) ?? '';
  const hour = nowWall.slice(0, 13);
  const start = hour ? (addMinutesToWallTime(`${hour}:00`, 60) ?? '') : '';
  return {
    title: '',
    type: options.type,
    lead: '',
    start,
    end: start ? (addMinutesToWallTime(start, 60) ?? '') : '',
    timezone: options.zone,
    location: '',
    description: '',
    notes: ''
  };
}

export function isDirty(base: InteractionFormValues, values: InteractionFormValues): boolean {
  return FORM_FIELDS.some((field) => base[field] !== values[field]);
}

/**
 * The domain fields this form changes relative to `base`, the record it was loaded from. Only
 * these are written, so a field someone else changed meanwhile is not overwritten with old text.
 */
export function changedFields(base: InteractionFormValues, values: InteractionFormValues): Partial<InteractionFields> {
  const patch = changedInteractionFields(toInteractionFields(base).fields, toInteractionFields(values).fields);
  // A date the form cannot read comes out undefined; it is required, so its error keeps it from being written.
  return patch as Partial<InteractionFields>;
}

/**
 * The record changed elsewhere while the form was open: fields the person has not touched take the
 * new values, fields they edited keep their edit. Returns the new base and values.
 */
export function rebase(
  base: InteractionFormValues,
  values: InteractionFormValues,
  incoming: InteractionFormValues
): { base: InteractionFormValues; values: InteractionFormValues } {
  const merged = { ...values };
  for (const field of FORM_FIELDS) {
    if (values[field] === base[field]) merged[field] = incoming[field];
  }
  return { base: incoming, values: merged };
}
