import { InteractionSchema, MERGED_TEXT_HEADROOM, TEXT_FIELDS } from '$lib/domain';
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { SORT_KEY_LENGTH, allFinderIndexes, computeSortKeys } from './finder-sorts';
import type { InteractionDocument } from './local-interaction';

/** The length of `new Date(x).toISOString()` for the years an instant may have (0000–9999). */
export const UTC_INSTANT_LENGTH = 24;

type PropertySchema = { type?: string | string[]; maxLength?: number; anyOf?: PropertySchema[] } & Record<string, unknown>;

// A JSON round trip drops TypeBox's symbol-keyed metadata, which RxDB has no use for.
const { deleted, ...domainProperties }: Record<string, PropertySchema> = JSON.parse(
  JSON.stringify(InteractionSchema.properties)
);

// RxDB needs a maxLength on every indexed string; the stored instants are always UTC ISO strings.
for (const name of ['startDatetime', 'endDatetime', 'createdAt', 'updatedAt']) {
  domainProperties[name].maxLength = UTC_INSTANT_LENGTH;
}

// Merged typing can take a text past what one person may type; the record is kept, for review.
for (const name of TEXT_FIELDS) {
  const stringSchema = stringSchemaOf(domainProperties[name]);
  if (stringSchema.maxLength !== undefined) stringSchema.maxLength *= MERGED_TEXT_HEADROOM;
}

const sortKeyProperties: Record<string, PropertySchema> = Object.fromEntries(
  Object.entries(SORT_KEY_LENGTH).map(([name, maxLength]) => [name, { type: 'string', maxLength }])
);

// Who made and last changed a record, as the server names them (RecordProvenance): copies for
// display, never edited here. A user id is a UUID; names are bounded by users.name, varchar(200).
const provenanceProperties: Record<string, PropertySchema> = {
  createdByName: { type: 'string', maxLength: 200 },
  updatedBy: { type: 'string', maxLength: 36 },
  updatedByName: { type: 'string', maxLength: 200 }
};

const properties: Record<string, object> = {
  ...domainProperties,
  ...provenanceProperties,
  // The domain's `deleted`, renamed because RxDB reserves that name on its documents.
  isDeleted: deleted,
  needsReview: { type: 'boolean' },
  crdt: { type: 'string' },
  serverSeq: { type: ['integer', 'null'] },
  pendingSync: { type: 'boolean' },
  sortKeys: {
    type: 'object',
    properties: sortKeyProperties,
    required: Object.keys(sortKeyProperties),
    additionalProperties: false
  }
};

/**
 * The local collection's schema: the domain's interaction plus local state. Changing it for a
 * database that already holds data needs a version bump and a migration strategy, or the site's
 * database refuses to open.
 */
export const interactionCollectionSchema: RxJsonSchema<InteractionDocument> = {
  version: 3,
  primaryKey: 'id',
  type: 'object',
  // Built at run time from the domain schema, so TypeScript cannot see that every field is there;
  // RxDB's dev-mode schema check and the validated writes in tests do.
  properties: properties as unknown as RxJsonSchema<InteractionDocument>['properties'],
  required: Object.keys(properties) as (keyof InteractionDocument)[],
  additionalProperties: false,
  indexes: [
    ...allFinderIndexes(),
    // countUnsynced counts tombstones too: a delete waiting to sync is an unsynced change.
    ['pendingSync']
  ]
};

/**
 * How a record stored under each earlier version becomes one of the next, run by RxDB when a
 * device opens a site database kept by an older release (its replication state moves with it).
 */
export const interactionMigrationStrategies: MigrationStrategies = {
  // Version 0 kept an inverted key per descending sort; descending pages now walk the ascending
  // indexes backwards, so only the location's key remains.
  1: (document: InteractionDocument) => ({ ...document, sortKeys: computeSortKeys(document) }),
  // Version 2 keeps who last changed a record and both names. Until the server sends the record
  // again (migration 0011 has it send every record once more) its creator is the best answer and
  // the names are unknown; the rest of the record, its state and pendingSync stay as they were, so
  // an edit not yet synced still syncs.
  2: (document: InteractionDocument) => ({ ...document, createdByName: '', updatedBy: document.createdBy, updatedByName: '' }),
  // Version 3 sorts by title and lead through bounded keys, since merged typing may lengthen them.
  3: (document: InteractionDocument) => ({ ...document, sortKeys: computeSortKeys(document) })
};

function stringSchemaOf(schema: PropertySchema): PropertySchema {
  return schema.anyOf?.find((member) => member.type === 'string') ?? schema;
}
