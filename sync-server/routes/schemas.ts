import { Type } from '@sinclair/typebox';
import { InteractionFieldsSchema, InteractionMetaSchema, InteractionSchema, ROLES } from '../../src/lib/domain';

/** Response and request shapes shared by several routes; each route still names its own. */
export const Uuid = (title: string) => Type.String({ title, format: 'uuid' });

export const RoleSchema = Type.Union(
  ROLES.map((role) => Type.Literal(role)),
  { title: 'Role' }
);

export const SiteWithRole = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  interactionTypes: Type.Array(Type.String()),
  retiredInteractionTypes: Type.Array(Type.String()),
  timeZone: Type.String(),
  role: RoleSchema
});

export const InteractionResponse = Type.Composite([
  InteractionSchema,
  Type.Object({
    needsReview: Type.Boolean(),
    // Who made the record and who last changed it (RecordProvenance in src/lib/domain/sync-protocol.ts).
    createdByName: Type.String(),
    updatedBy: Type.String(),
    updatedByName: Type.String()
  })
]);

/** A new interaction: its fields, the site, and optionally the id the client made offline. */
export const CreateInteractionBody = Type.Composite(
  [
    Type.Object({ siteId: Uuid('Site'), id: Type.Optional(Uuid('Id')) }),
    Type.Omit(InteractionFieldsSchema, ['location', 'notes']),
    Type.Partial(Type.Pick(InteractionFieldsSchema, ['location', 'notes']))
  ],
  { additionalProperties: false }
);

/** An edit: any subset of the fields. */
export const UpdateInteractionBody = Type.Partial(InteractionFieldsSchema, { additionalProperties: false });

/** How many interactions a list or search answers with: a page, unless asked for fewer or more. */
export const INTERACTION_PAGE_SIZE = { default: 20, max: 100 } as const;

// A filter is a value as a person types it into that field, so it has the field's limit.
const { type, lead } = InteractionFieldsSchema.properties;

export const FilterQuery = {
  siteId: Type.Optional(Uuid('Site')),
  type: Type.Optional(Type.String({ title: type.title, maxLength: type.maxLength })),
  lead: Type.Optional(Type.String({ title: lead.title, maxLength: lead.maxLength })),
  from: Type.Optional(Type.String({ title: 'From', format: 'date-time' })),
  to: Type.Optional(Type.String({ title: 'To', format: 'date-time' })),
  cursor: Type.Optional(Type.String({ title: 'Cursor', maxLength: 1000 })),
  limit: Type.Integer({ title: 'Limit', minimum: 1, maximum: INTERACTION_PAGE_SIZE.max, default: INTERACTION_PAGE_SIZE.default })
};

export const IdParams = Type.Object({ id: Type.String({ title: 'Id', maxLength: InteractionMetaSchema.properties.id.maxLength }) });
