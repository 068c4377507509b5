import { INTERACTION_FIELD_NAMES, OPTIONAL_INTERACTION_FIELDS, changedFields, uuidv7, validateInteractionFields, validateInteractionPatch, type InteractionFields } from '$lib/domain';
import { applyInteractionChange, createInteractionDoc, markInteractionDeleted, readInteractionFields } from '$lib/domain/crdt';
import type { RxDocument } from 'rxdb';
import { applyUpdate, type Doc } from 'yjs';
import { InteractionNotFoundError, ValidationError } from './errors';
import { buildInteractionDocument, decodeStoredState } from './interaction-record';
import { sameReplicaContent } from './replica-documents';
import { toLocalInteraction, type InteractionDocument, type LocalInteraction } from './local-interaction';
import type { SiteDatabase } from './site-database';
import { openSiteDatabase } from './site-databases';
import { failOnFullStorage } from './storage-full';

export interface CreateInteractionInput {
  siteId: string;
  /** The signed-in user, stored as the author. */
  userId: string;
  /** The fields as the form holds them; checked here, so anything may be passed. */
  fields: unknown;
  /** The site's interaction types (`Site.interactionTypes`); the domain's default list when omitted. */
  interactionTypes?: readonly string[];
}

export interface UpdateInteractionInput {
  siteId: string;
  id: string;
  /**
   * Only the fields the person changed. A field sent unchanged is skipped when it equals the stored
   * value, but one the person never touched could still overwrite another tab's newer edit.
   */
  patch: unknown;
  interactionTypes?: readonly string[];
}

export interface MergeInteractionStateInput {
  siteId: string;
  id: string;
  /** A Yjs update of the record's document, such as the live editing document's whole state. */
  state: Uint8Array;
  interactionTypes?: readonly string[];
}

export interface DeleteInteractionInput {
  siteId: string;
  id: string;
}

/** Creates an interaction on this device. Throws `ValidationError`, or `StorageFullError`. */
export async function createInteraction(input: CreateInteractionInput): Promise<LocalInteraction> {
  return createInteractionIn(await openSiteDatabase(input.siteId), input);
}

/**
 * Applies a change to an interaction. Throws `ValidationError` (nothing is written),
 * `InteractionNotFoundError` when it is missing or deleted, or `StorageFullError`.
 */
export async function updateInteraction(input: UpdateInteractionInput): Promise<LocalInteraction> {
  return updateInteractionIn(await openSiteDatabase(input.siteId), input);
}

/**
 * Merges edits made on the record's Yjs document elsewhere (live co-editing) into the stored
 * record, so they are kept on this device and replication pushes them. A merged state that breaks
 * a rule is stored flagged for review, as a merge from sync is: live text is never held back.
 * Throws `InteractionNotFoundError` when the record is not stored here, or `StorageFullError`.
 */
export async function mergeInteractionState(input: MergeInteractionStateInput): Promise<LocalInteraction> {
  return mergeInteractionStateIn(await openSiteDatabase(input.siteId), input);
}

/** Marks an interaction deleted: a tombstone that syncs and stays in history, never a removal. */
export async function deleteInteraction(input: DeleteInteractionInput): Promise<LocalInteraction> {
  return deleteInteractionIn(await openSiteDatabase(input.siteId), input);
}

export async function createInteractionIn(
  database: SiteDatabase,
  input: Omit<CreateInteractionInput, 'siteId'>
): Promise<LocalInteraction> {
  if (!input.userId) throw new TypeError('An interaction needs its author: pass the signed-in user id.');
  const result = validateInteractionFields(input.fields, { allowedTypes: input.interactionTypes });
  if (!result.ok) throw new ValidationError(result.errors);
  const now = new Date().toISOString();
  const document = buildInteractionDocument({
    // The names come with the server's version; until then the app names the signed-in user itself.
    meta: {
      id: uuidv7(),
      siteId: database.siteId,
      createdBy: input.userId,
      createdByName: '',
      updatedBy: input.userId,
      updatedByName: '',
      createdAt: now,
      updatedAt: now
    },
    doc: createInteractionDoc(result.value),
    needsReview: false,
    pendingSync: true,
    serverSeq: null
  });
  const inserted = await failOnFullStorage(() => database.interactions.insert(document));
  return toLocalInteraction(inserted.toJSON());
}

export async function updateInteractionIn(
  database: SiteDatabase,
  input: Omit<UpdateInteractionInput, 'siteId'>
): Promise<LocalInteraction> {
  const stored = await findStored(database, input.id);
  const update = (latest: InteractionDocument) => {
    if (latest.isDeleted) throw new InteractionNotFoundError(database.siteId, input.id);
    const doc = decodeStoredState(latest);
    const current = readInteractionFields(doc);
    const result = validateInteractionPatch(current, input.patch, { allowedTypes: input.interactionTypes });
    if (!result.ok) throw new ValidationError(result.errors);
    const change = changedFields(current, result.value);
    if (Object.keys(change).length === 0) return null;
    applyInteractionChange(doc, change);
    // The record passed every rule, so whatever a merge had flagged for review is resolved.
    return rebuild(latest, { doc, needsReview: false });
  };
  // Tried first on what was read, so a refused or empty change writes nothing at all. The write
  // runs it again on the newest state, since another tab or sync may have written in between.
  if (update(stored.toJSON() as InteractionDocument) === null) return toLocalInteraction(stored.toJSON());
  const written = await failOnFullStorage(() =>
    stored.incrementalModify((latest) => update(latest) ?? latest)
  );
  return toLocalInteraction(written.toJSON());
}

export async function deleteInteractionIn(
  database: SiteDatabase,
  input: Omit<DeleteInteractionInput, 'siteId'>
): Promise<LocalInteraction> {
  const stored = await findStored(database, input.id);
  if (stored.toJSON().isDeleted) return toLocalInteraction(stored.toJSON());
  const written = await failOnFullStorage(() =>
    stored.incrementalModify((latest) => {
      if (latest.isDeleted) return latest;
      const doc = decodeStoredState(latest);
      markInteractionDeleted(doc);
      return rebuild(latest, { doc, needsReview: latest.needsReview });
    })
  );
  return toLocalInteraction(written.toJSON());
}

export async function mergeInteractionStateIn(
  database: SiteDatabase,
  input: Omit<MergeInteractionStateInput, 'siteId'>
): Promise<LocalInteraction> {
  const stored = await findStored(database, input.id);
  const written = await failOnFullStorage(() =>
    stored.incrementalModify((latest) => {
      const doc = decodeStoredState(latest);
      applyUpdate(doc, input.state);
      const fields = readInteractionFields(doc);
      // A required text emptied while someone retypes it cannot be stored here (the local schema
      // needs it); the live document keeps it and the next edit is stored.
      if (hasBlankRequiredField(fields)) return latest;
      const needsReview = !validateInteractionFields(fields, { allowedTypes: input.interactionTypes }).ok;
      const merged = rebuild(latest, { doc, needsReview });
      // Nothing new (the state is the one stored, or older): no write, so nothing syncs for it.
      return sameReplicaContent(merged, latest) && latest.needsReview === needsReview ? latest : merged;
    })
  );
  return toLocalInteraction(written.toJSON());
}

function hasBlankRequiredField(fields: InteractionFields): boolean {
  return INTERACTION_FIELD_NAMES.some((name) => !OPTIONAL_INTERACTION_FIELDS.has(name) && fields[name] === '');
}

async function findStored(database: SiteDatabase, id: string): Promise<RxDocument<InteractionDocument>> {
  const stored = await database.interactions.findOne(id).exec();
  if (!stored) throw new InteractionNotFoundError(database.siteId, id);
  return stored;
}

function rebuild(latest: InteractionDocument, next: { doc: Doc; needsReview: boolean }): InteractionDocument {
  return buildInteractionDocument({
    meta: {
      id: latest.id,
      siteId: latest.siteId,
      createdBy: latest.createdBy,
      createdByName: latest.createdByName,
      updatedBy: latest.updatedBy,
      updatedByName: latest.updatedByName,
      createdAt: latest.createdAt,
      updatedAt: new Date().toISOString()
    },
    doc: next.doc,
    needsReview: next.needsReview,
    pendingSync: true,
    serverSeq: latest.serverSeq
  });
}
