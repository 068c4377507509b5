import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { interactionCollectionSchema, interactionMigrationStrategies } from '$lib/db/collection-schema';

/**
 * The schema each version was released with. RxDB refuses to open a collection whose stored schema
 * differs from the code's at the same version, so every device would lose access to its site.
 * The schema is derived from the domain: a changed limit there changes it here.
 */
const RELEASED_SCHEMA_HASHES: Record<number, string> = {
  0: 'f308bbd7f7a79bcfe76a2f9f34fa740fa920f5dd06e65635516ca47dafb4dafc',
  1: '26721a8740c21ae141905ee382615c8081e65ead96a650582615f2fae602ede0',
  2: '8561407dcafd59a3c398ac3b719519c3b30b10d63a2f8ed7b8cf04b98481befd',
  3: '4e131acc8d7816edf87cf895c0fa81ed7572af76bc28a0df309f6d7360e050c3'
};

describe('interaction collection schema', () => {
  it('changes only together with a new version (and a migration strategy for it)', () => {
    const hash = createHash('sha256').update(JSON.stringify(interactionCollectionSchema)).digest('hex');
    expect(
      hash,
      'The local schema changed: raise its version, add a migration strategy, and pin the new hash here.'
    ).toBe(RELEASED_SCHEMA_HASHES[interactionCollectionSchema.version]);
  });

  it('has one index per Finder sort, serving both directions, behind the tombstone flag', () => {
    const indexes = (interactionCollectionSchema.indexes ?? []).map((index) => [index].flat().join('+'));
    // Each index is written for every record: an initial sync's time grows with their number.
    expect(indexes).toEqual([
      'isDeleted+startDatetime',
      'isDeleted+sortKeys.titleAsc',
      'isDeleted+type+startDatetime',
      'isDeleted+sortKeys.leadAsc+startDatetime',
      'isDeleted+sortKeys.locationAsc',
      'pendingSync'
    ]);
  });

  it('has a migration strategy for every version after the first', () => {
    for (let version = 1; version <= interactionCollectionSchema.version; version++) {
      expect(interactionMigrationStrategies[version], `version ${version}`).toBeTypeOf('function');
    }
  });
});
