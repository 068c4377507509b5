import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The one definition of an interaction. The JSON Schema built here is what the server's routes,
 * the local database and the form all validate against, and the TypeScript types come from it too,
 * so a rule changed here changes everywhere at once.
 *
 * `title` on each property is the label a person sees in validation messages.
 */

export const DEFAULT_INTERACTION_TYPES = [
  'Meeting',
  'Call',
  'Email',
  'Site visit',
  'Workshop',
  'Other'
] as const;

/**
 * Texts merge character by character, so people typing in one title at once can together pass its
 * limit. Such a record is stored and flagged for review, never refused: its columns hold this many
 * times the limit (migrations/0012), and only a longer text is refused, which no merge of edits
 * within the limit makes unless that many people typed at once.
 */
export const MERGED_TEXT_HEADROOM = 10;

/** The fields a person edits. A limit here is what a person may type (see MERGED_TEXT_HEADROOM). */
export const InteractionFieldsSchema = Type.Object(
  {
    title: Type.String({ title: 'Title', minLength: 1, maxLength: 100 }),
    type: Type.String({ title: 'Type', minLength: 1, maxLength: 50 }),
    lead: Type.String({ title: 'Lead', minLength: 1, maxLength: 100 }),
    startDatetime: Type.String({ title: 'Start', format: 'date-time' }),
    endDatetime: Type.String({ title: 'End', format: 'date-time' }),
    timezone: Type.String({ title: 'Timezone', minLength: 1, maxLength: 64 }),
    location: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { title: 'Location' }),
    description: Type.String({ title: 'Description', minLength: 1 }),
    notes: Type.Union([Type.String(), Type.Null()], { title: 'Notes' })
  },
  { additionalProperties: false }
);

/** What the system adds around the edited fields: identity, site, authorship and the tombstone. */
export const InteractionMetaSchema = Type.Object(
  {
    id: Type.String({ title: 'Id', format: 'uuid', maxLength: 36 }),
    siteId: Type.String({ title: 'Site', format: 'uuid', maxLength: 36 }),
    createdBy: Type.String({ title: 'Created by', maxLength: 36 }),
    createdAt: Type.String({ title: 'Created at', format: 'date-time' }),
    updatedAt: Type.String({ title: 'Updated at', format: 'date-time' }),
    deleted: Type.Boolean({ title: 'Deleted' })
  },
  { additionalProperties: false }
);

export const InteractionSchema = Type.Composite([InteractionMetaSchema, InteractionFieldsSchema], {
  additionalProperties: false
});

export type InteractionFields = Static<typeof InteractionFieldsSchema>;
export type InteractionMeta = Static<typeof InteractionMetaSchema>;
export type Interaction = Static<typeof InteractionSchema>;
export type InteractionFieldName = keyof InteractionFields;

/**
 * The fields a person types, which merge character by character when edited at once, and the
 * choices, which keep one value (the CRDT's layout, src/lib/domain/crdt.ts, follows these lists).
 */
export const TEXT_FIELDS = ['title', 'lead', 'location', 'description', 'notes'] as const satisfies readonly InteractionFieldName[];
export const SCALAR_FIELDS = ['type', 'startDatetime', 'endDatetime', 'timezone'] as const satisfies readonly InteractionFieldName[];
export type TextFieldName = (typeof TEXT_FIELDS)[number];
export type ScalarFieldName = (typeof SCALAR_FIELDS)[number];

export const INTERACTION_FIELD_NAMES = Object.keys(
  InteractionFieldsSchema.properties
) as InteractionFieldName[];

/** The interaction fields of a record (or anything holding them), and nothing else. */
export function pickFields(record: InteractionFields): InteractionFields {
  return Object.fromEntries(INTERACTION_FIELD_NAMES.map((name) => [name, record[name]])) as InteractionFields;
}

/** Fields a record may leave empty; stored as null rather than an empty string. */
export const OPTIONAL_INTERACTION_FIELDS: ReadonlySet<InteractionFieldName> = new Set(
  INTERACTION_FIELD_NAMES.filter((name) => acceptsNull(InteractionFieldsSchema.properties[name]))
);

function acceptsNull(schema: TSchema): boolean {
  return Array.isArray(schema.anyOf) && schema.anyOf.some((member: TSchema) => member.type === 'null');
}
