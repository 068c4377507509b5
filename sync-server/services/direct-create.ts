import { LRUCache } from 'lru-cache';
import { ROLES, isUuid, roleAllows, typesAllowedFor, uuidv7, validateInteractionFields, type Site } from '../../src/lib/domain';
import { createInteractionDoc, encodeInteractionState } from '../../src/lib/domain/crdt';
import type { Queryable } from '../db/database';
import { insertInteractionIfAllowed, type StoredInteraction } from '../repositories/interactions-repository';
import { findSiteTypes } from '../repositories/sites-repository';
import type { Actor } from './actor';
import { creationChanges } from './changed-fields';

const CREATE_ROLES = ROLES.filter((role) => roleAllows(role, 'create'));
const SITE_TYPES_CACHE_SIZE = 10_000;

export interface DirectCreate {
  /**
   * Stores a valid new record in one statement, or returns undefined when anything is in doubt
   * (not a member, a type the site does not allow, invalid fields): the caller then takes the full
   * path, which checks each rule in turn and answers with the right error.
   */
  tryCreate(actor: Actor, input: { siteId: string; id?: string; fields: unknown }): Promise<StoredInteraction | undefined>;
  /** A site as the full path read it, so the next request validates against its current types. */
  remember(site: Site): void;
}

/**
 * The common create, in one round trip. Site types are validated against a cache, which is safe
 * because the insert re-checks membership, role, the site's current types and that it is not
 * archived in the same statement: after an administrator changes the types, a stale cache can only
 * send a request down the full path (which reads the site afresh and remembers it), never let a
 * removed or retired type through nor refuse a new one for good.
 */
export function createDirectCreate(db: Queryable): DirectCreate {
  // Only sites that exist are kept; the bound keeps an organisation of very many sites in check.
  const siteTypes = new LRUCache<string, readonly string[]>({ max: SITE_TYPES_CACHE_SIZE });

  async function typesOf(siteId: string): Promise<readonly string[] | undefined> {
    let types = siteTypes.get(siteId);
    if (types === undefined && isUuid(siteId)) {
      const site = await findSiteTypes(db, siteId);
      // A new record may not take a retired type: only the site's current ones are offered.
      types = site && typesAllowedFor(site);
      if (types) siteTypes.set(siteId, types);
    }
    return types;
  }

  return {
    async tryCreate(actor, { siteId, id = uuidv7(), fields }) {
      if (!isUuid(id)) return undefined;
      const allowedTypes = await typesOf(siteId);
      if (!allowedTypes) return undefined;
      const result = validateInteractionFields(fields, { allowedTypes });
      if (!result.ok) return undefined;

      // The same row and history entry as the service's commit() writes for a create.
      const now = new Date().toISOString();
      return insertInteractionIfAllowed(db, {
        write: {
          id,
          siteId,
          fields: result.value,
          createdBy: actor.userId,
          updatedBy: actor.userId,
          updatedAt: now,
          deleted: false,
          needsReview: false,
          crdt: encodeInteractionState(createInteractionDoc(result.value, { guid: id }))
        },
        history: { ...creationChanges(result.value), authoredAt: now },
        roles: CREATE_ROLES
      });
    },

    remember(site) {
      siteTypes.set(site.id, typesAllowedFor(site));
    }
  };
}
