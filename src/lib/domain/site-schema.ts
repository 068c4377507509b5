import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { isIanaTimeZone } from './datetime';
import { InteractionFieldsSchema } from './interaction-schema';
import { fieldMessages } from './messages';
import { hasUnstorableCharacter, type FieldError, type ValidationResult } from './validation';

/**
 * A site's settings, defined once: the server's routes, its service and the administration form
 * all check against this. `title` on each property is the label a person sees in messages; the
 * limits mirror the columns of `sites` (migrations/0001, 0009).
 */
export const SiteSettingsSchema = Type.Object(
  {
    name: Type.String({ title: 'Name', minLength: 1, maxLength: 100 }),
    description: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { title: 'Description' }),
    timeZone: Type.String({ title: 'Time zone', minLength: 1, maxLength: 64 }),
    // A site's type is what its records hold in their type, so it has that field's limit.
    interactionTypes: Type.Array(
      Type.String({ title: 'Interaction type', minLength: 1, maxLength: InteractionFieldsSchema.properties.type.maxLength }),
      { title: 'Interaction types', minItems: 1, maxItems: 50 }
    )
  },
  { additionalProperties: false }
);

export type SiteSettings = Static<typeof SiteSettingsSchema>;
export type SiteSettingName = keyof SiteSettings;
export const SITE_SETTING_NAMES = Object.keys(SiteSettingsSchema.properties) as SiteSettingName[];

/**
 * What a site admin may change in their own site's settings; every other setting is the
 * organisation administrators' (the name, description and time zone describe the organisation's
 * structure, the types are the site's own working vocabulary).
 */
export const SITE_ADMIN_SETTINGS: readonly SiteSettingName[] = ['interactionTypes'];

export interface SiteSettingsOptions {
  /** A change: only the settings present are checked, and none is required. */
  partial?: boolean;
}

/**
 * Checks site settings and reports every broken rule with the field it belongs to
 * (`interactionTypes[2]` for one entry of the list), so a form can show them all at once.
 */
export function validateSiteSettings(input: unknown, options: { partial: true }): ValidationResult<Partial<SiteSettings>>;
export function validateSiteSettings(input: unknown, options?: SiteSettingsOptions): ValidationResult<SiteSettings>;
export function validateSiteSettings(
  input: unknown,
  { partial = false }: SiteSettingsOptions = {}
): ValidationResult<Partial<SiteSettings>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: 'Site settings must be an object of fields.' }] };
  }
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record)
    .filter((key) => !(SITE_SETTING_NAMES as string[]).includes(key))
    .map((key) => ({ field: key, message: fieldMessages.unknownField(key, 'a site') }));
  const present = SITE_SETTING_NAMES.filter((name) => record[name] !== undefined);
  const missing = partial
    ? []
    : REQUIRED_SETTINGS.filter((name) => record[name] === undefined).map((name) => ({
        field: name,
        message: fieldMessages.required(label(SiteSettingsSchema.properties[name]))
      }));
  const errors = [...unknown, ...missing, ...present.flatMap((name) => SETTING_CHECKS[name](record[name]))];
  if (errors.length > 0) return { ok: false, errors };

  const value: Partial<SiteSettings> = Object.fromEntries(present.map((name) => [name, record[name]]));
  if (!partial) value.description ??= null;
  return { ok: true, value };
}

/** Every setting but the description must be given when a site is created. */
const REQUIRED_SETTINGS: readonly SiteSettingName[] = ['name', 'timeZone', 'interactionTypes'];

const { name: NAME, timeZone: TIME_ZONE, interactionTypes: TYPES } = SiteSettingsSchema.properties;
const DESCRIPTION = SiteSettingsSchema.properties.description.anyOf[0];
const TYPE = TYPES.items;

const SETTING_CHECKS: Record<SiteSettingName, (value: unknown) => FieldError[]> = {
  name: (value) => textErrors({ field: 'name', schema: NAME, value, blankAllowed: false }),
  description: (value) =>
    value === null ? [] : textErrors({ field: 'description', schema: DESCRIPTION, label: 'Description', value, blankAllowed: true }),
  timeZone: (value) => {
    const errors = textErrors({ field: 'timeZone', schema: TIME_ZONE, value, blankAllowed: false });
    if (errors.length > 0) return errors;
    return isIanaTimeZone(value as string) ? [] : [{ field: 'timeZone', message: fieldMessages.notTimeZone(label(TIME_ZONE)) }];
  },
  interactionTypes: typeListErrors
};

function typeListErrors(value: unknown): FieldError[] {
  const listLabel = label(TYPES);
  if (!Array.isArray(value)) return [{ field: 'interactionTypes', message: fieldMessages.wrongType(listLabel, 'a list') }];
  if (value.length < TYPES.minItems!) {
    return [{ field: 'interactionTypes', message: fieldMessages.tooFewEntries(listLabel, TYPES.minItems!) }];
  }
  if (value.length > TYPES.maxItems!) {
    return [{ field: 'interactionTypes', message: fieldMessages.tooManyEntries(listLabel, TYPES.maxItems!, value.length) }];
  }
  const seen = new Set<string>();
  return value.flatMap((entry, index) => {
    const field = `interactionTypes[${index}]`;
    const errors = textErrors({ field, schema: TYPE, value: entry, blankAllowed: false });
    if (errors.length > 0) return errors;
    const type = entry as string;
    if (type.trim() !== type) return [{ field, message: fieldMessages.surroundingSpace(label(TYPE)) }];
    // Two entries a person cannot tell apart in a list would split the site's records between them.
    const key = type.toLowerCase();
    if (seen.has(key)) return [{ field, message: fieldMessages.duplicateEntry(listLabel, type) }];
    seen.add(key);
    return [];
  });
}

interface TextCheck {
  field: string;
  schema: TSchema;
  value: unknown;
  /** Whether text of only spaces counts as given. */
  blankAllowed: boolean;
  label?: string;
}

function textErrors({ field, schema, value, blankAllowed, label: given }: TextCheck): FieldError[] {
  const name = given ?? label(schema);
  if (typeof value !== 'string') return [{ field, message: fieldMessages.notText(name) }];
  if (!blankAllowed && value.trim() === '') return [{ field, message: fieldMessages.required(name) }];
  if (hasUnstorableCharacter(value)) return [{ field, message: fieldMessages.unstorable(name) }];
  // Counted in code points, as Postgres counts them, so an emoji is one character.
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    return [{ field, message: fieldMessages.tooLong(name, schema.maxLength, length) }];
  }
  return [];
}

function label(schema: TSchema): string {
  return schema.title as string;
}

/** What `typesAllowedFor` needs of a site. */
export interface SiteTypes {
  interactionTypes: readonly string[];
  retiredInteractionTypes?: readonly string[];
}

/**
 * The types a record may take: the site's current ones, plus the record's own type when that type
 * was retired, so a record keeps the type it was made with and its other fields stay editable,
 * while no new record is given a retired type. Leave `currentRecordType` out for a new record.
 */
export function typesAllowedFor(site: SiteTypes, currentRecordType?: string | null): string[] {
  const types = [...site.interactionTypes];
  const retired = site.retiredInteractionTypes ?? [];
  if (currentRecordType && !types.includes(currentRecordType) && retired.includes(currentRecordType)) {
    types.push(currentRecordType);
  }
  return types;
}

/**
 * The site's retired types after its list changed from `before` to `after`: types removed now are
 * added, types listed again are taken out. Compared exactly, as records store their type exactly.
 */
export function retireTypes(before: readonly string[], after: readonly string[], retiredBefore: readonly string[]): string[] {
  const current = new Set(after);
  const removedNow = before.filter((type) => !current.has(type));
  return [...new Set([...retiredBefore, ...removedNow])].filter((type) => !current.has(type));
}
