import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { interactionCollectionSchema } from '$lib/db/collection-schema';

/**
 * The schema each version was released with. RxDB refuses to open a collection whose stored schema
 * differs from the code's at the same version, so every device would lose access to its site.
 * The schema is derived from the domain: a changed limit there changes it here.
 */
const RELEASED_SCHEMA_HASHES: Record<number, string> = {
  0: 'f308bbd7f7a79bcfe76a2f9f34fa740fa920f5dd06e65635516ca47dafb4dafc'
};

describe('interaction collection schema', () => {
  it('changes only together with a new version (and a migration strategy for it)', () => {
    const hash = createHash('sha256').update(JSON.stringify(interactionCollectionSchema)).digest('hex');
    expect(
      hash,
      'The local schema changed: raise its version, add a migration strategy, and pin the new hash here.'
    ).toBe(RELEASED_SCHEMA_HASHES[interactionCollectionSchema.version]);
  });

  it('indexes every Finder sort in both directions, behind the tombstone flag', () => {
    const indexes = (interactionCollectionSchema.indexes ?? []).map((index) => [index].flat().join('+'));
    for (const path of ['startDatetime', 'title', 'updatedAt', 'sortKeys.locationAsc']) {
      expect(indexes).toContain(`isDeleted+${path}`);
    }
    for (const field of ['startDatetime', 'title', 'type', 'lead', 'location', 'updatedAt']) {
      expect(indexes).toContain(`isDeleted+sortKeys.${field}Desc`);
    }
    expect(indexes).toContain('isDeleted+type+startDatetime');
    expect(indexes).toContain('isDeleted+lead+sortKeys.startDatetimeDesc');
  });
});
