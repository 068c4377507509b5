import fp from 'fastify-plugin';
import { changedFieldNames, isUuid, typesAllowedFor, uuidv7, validateInteractionFields, validateInteractionPatch, type FieldError, type InteractionFields, type ValidationResult } from '../../src/lib/domain';
import { applyInteractionChange, createInteractionDoc, decodeInteractionState, encodeInteractionState, isInteractionDeleted, markInteractionDeleted, readInteractionFields } from '../../src/lib/domain/crdt';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http-errors';
import {
  findInteraction,
  insertHistories,
  insertInteractions,
  listHistory,
  updateInteractions,
  type HistoryEntry,
  type HistoryRecord,
  type InteractionWrite,
  type StoredInteraction
} from '../repositories/interactions-repository';
import type { Actor } from './actor';
import { creationChanges, fieldChanges } from './changed-fields';
import type { InteractionCommit, WriteAction } from './interaction-commit';
import { createDirectCreate } from './direct-create';
import { pushRemoteChanges, type RemoteChange, type RemoteChangesOutcome } from './remote-changes';
import { interactionNotFound, requireRecordAccess, requireSiteRole } from './site-access';

declare module 'fastify' {
  interface FastifyInstance {
    interactions: InteractionsService;
  }
}

export interface CreateInteraction {
  siteId: string;
  /** Made on the client (UUIDv7) when the record was created offline; made here otherwise. */
  id?: string;
  fields: unknown;
  /** What the request's schema already found wrong with the fields; reported with the domain's findings. */
  invalidFields?: FieldError[];
}

export interface UpdateInteraction {
  patch: unknown;
  /** As for CreateInteraction. */
  invalidFields?: FieldError[];
}

export interface CreateOutcome {
  record: StoredInteraction;
  /** False when this was a retry of a create already stored: the caller's own record, as it is now. */
  created: boolean;
}

export interface InteractionsService {
  get(actor: Actor, id: string): Promise<StoredInteraction>;
  history(actor: Actor, id: string): Promise<HistoryRecord[]>;
  /** Creates a record; the same caller sending the same id and fields again gets the stored one back. */
  create(actor: Actor, input: CreateInteraction): Promise<CreateOutcome>;
  update(actor: Actor, id: string, change: UpdateInteraction): Promise<StoredInteraction>;
  remove(actor: Actor, id: string): Promise<void>;
  /** Merges replicas' states into a site's records (replication's push). */
  push(actor: Actor, siteId: string, changes: RemoteChange[]): Promise<RemoteChangesOutcome>;
}

export interface InteractionsServiceOptions {
  db: Database;
  /** Told of every committed write, for metrics and fan-out. */
  onWrite?: (action: WriteAction, record: StoredInteraction) => void;
  /** Told of a pushed document the database refused although every domain rule passed. */
  onDatabaseRefusal?: (id: string, error: unknown) => void;
}

/**
 * The one write path for interactions. Every change, from the REST API or (later) replication and
 * live editing, is applied to the record's Yjs document; the columns are derived from the merged
 * document, validated, stored with the encoded state under a new server sequence number, and
 * written to the history.
 */
export function createInteractionsService({ db, onWrite, onDatabaseRefusal }: InteractionsServiceOptions): InteractionsService {
  const directCreate = createDirectCreate(db);
  async function readable(actor: Actor, id: string): Promise<StoredInteraction> {
    const record = isUuid(id) ? await findInteraction(db, id) : undefined;
    if (!record) throw interactionNotFound();
    await requireRecordAccess(db, { userId: actor.userId, siteId: record.siteId, action: 'read' });
    return record;
  }

  async function commit(tx: Queryable, write: InteractionCommit): Promise<StoredInteraction> {
    const [stored] = await commitAll(tx, [write]);
    return stored;
  }

  // New records go in one statement, changed ones in another and their history in a third, so a
  // batch costs three round trips whatever its size.
  async function commitAll(tx: Queryable, writes: InteractionCommit[]): Promise<StoredInteraction[]> {
    const now = new Date().toISOString();
    const rows = writes.map((write) => interactionRow(write, now));
    const creates = writes.flatMap((write, index) => (write.before ? [] : [index]));
    const updates = writes.flatMap((write, index) => (write.before ? [index] : []));
    const stored: StoredInteraction[] = [];
    const store = async (indexes: number[], write: typeof insertInteractions) => {
      if (indexes.length === 0) return;
      const records = await write(tx, indexes.map((index) => rows[index]));
      indexes.forEach((index, position) => (stored[index] = records[position]));
    };
    await store(creates, insertInteractions);
    await store(updates, updateInteractions);
    await insertHistories(
      tx,
      writes.map((write, index) => ({
        interactionId: write.id,
        siteId: write.siteId,
        userId: write.actor.userId,
        action: write.action,
        ...historyChanges(write, rows[index].fields),
        authoredAt: write.authoredAt ?? now
      }))
    );
    return stored;
  }

  /**
   * The id is taken. A client whose create was stored but whose answer was lost sends it again, and
   * must learn that it is stored; anyone else learns only that the id cannot be used, in the same
   * words whether the record is in their site or in one they cannot see.
   */
  async function retriedCreate(actor: Actor, input: CreateInteraction): Promise<CreateOutcome> {
    const stored = await findInteraction(db, input.id!);
    const retried =
      stored !== undefined &&
      stored.createdBy === actor.userId &&
      stored.siteId === input.siteId.toLowerCase() &&
      !stored.deleted &&
      sameFields(readInteractionFields(decodeInteractionState(stored.crdt, stored.id)), input.fields);
    if (!retried) throw new HttpError(409, 'ID_UNAVAILABLE', 'This id cannot be used for a new interaction; make a new one.');
    return { record: stored, created: false };
  }

  function committed(action: WriteAction, record: StoredInteraction): StoredInteraction {
    onWrite?.(action, record);
    return record;
  }

  return {
    get: readable,

    async push(actor, siteId, changes) {
      const outcome = await pushRemoteChanges({ db, commit: commitAll, onDatabaseRefusal }, actor, siteId, changes);
      for (const { action, record } of outcome.written) committed(action, record);
      return outcome;
    },

    async history(actor, id) {
      await readable(actor, id);
      return listHistory(db, id);
    },

    async create(actor, input) {
      try {
        const direct = input.invalidFields?.length ? undefined : await directCreate.tryCreate(actor, input);
        if (direct) return { record: committed('create', direct), created: true };
      } catch (error) {
        if (!isIdTaken(error)) throw error;
        return retriedCreate(actor, input);
      }
      const { site } = await requireSiteRole(db, { userId: actor.userId, siteId: input.siteId, action: 'create' });
      directCreate.remember(site);
      if (input.id !== undefined && !isUuid(input.id)) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'The request is not valid.', [
          { field: 'id', message: 'Id must be a UUID.' }
        ]);
      }
      const result = validateInteractionFields(input.fields, { allowedTypes: typesAllowedFor(site) });
      if (!result.ok || input.invalidFields?.length) throw validationFailed(result, input.invalidFields);

      const id = input.id ?? uuidv7();
      const doc = createInteractionDoc(result.value, { guid: id });
      try {
        const record = await db.transaction((tx) =>
          commit(tx, { actor, action: 'create', siteId: site.id, id, doc })
        );
        return { record: committed('create', record), created: true };
      } catch (error) {
        if (!isIdTaken(error)) throw error;
        return retriedCreate(actor, input);
      }
    },

    async update(actor, id, { patch, invalidFields }) {
      const record = await db.transaction(async (tx) => {
        const before = isUuid(id) ? await findInteraction(tx, id, { forUpdate: true }) : undefined;
        if (!before) throw interactionNotFound();
        const { site } = await requireRecordAccess(tx, { userId: actor.userId, siteId: before.siteId, action: 'edit' });
        if (before.deleted) throw new HttpError(409, 'INTERACTION_DELETED', 'This interaction has been deleted.');

        // The document, not the columns, is the truth: it holds instants exactly as they were written.
        const doc = decodeInteractionState(before.crdt, before.id);
        const current = readInteractionFields(doc);
        const result = validateInteractionPatch(current, patch, { allowedTypes: typesAllowedFor(site, current.type) });
        if (!result.ok || invalidFields?.length) throw validationFailed(result, invalidFields);
        const changed = changedFieldNames(current, result.value);
        if (changed.length === 0) return before;

        // Only what changed goes into the document; rewriting the rest would overwrite concurrent edits.
        applyInteractionChange(doc, Object.fromEntries(changed.map((name) => [name, result.value[name]])));
        return commit(tx, { actor, action: 'update', before, siteId: before.siteId, id, doc });
      });
      return committed('update', record);
    },

    async remove(actor, id) {
      const record = await db.transaction(async (tx) => {
        const before = isUuid(id) ? await findInteraction(tx, id, { forUpdate: true }) : undefined;
        if (!before) throw interactionNotFound();
        await requireRecordAccess(tx, {
          userId: actor.userId,
          siteId: before.siteId,
          action: 'delete',
          isOwner: before.createdBy === actor.userId
        });
        if (before.deleted) return undefined;
        const doc = decodeInteractionState(before.crdt, before.id);
        markInteractionDeleted(doc);
        return commit(tx, { actor, action: 'delete', before, siteId: before.siteId, id, doc });
      });
      if (record) committed('delete', record);
    }
  };
}

function interactionRow(write: InteractionCommit, now: string): InteractionWrite {
  return {
    id: write.id,
    siteId: write.siteId,
    fields: write.fields ?? readInteractionFields(write.doc),
    createdBy: write.before?.createdBy ?? write.actor.userId,
    updatedBy: write.actor.userId,
    updatedAt: now,
    deleted: isInteractionDeleted(write.doc),
    needsReview: write.needsReview ?? false,
    crdt: encodeInteractionState(write.doc)
  };
}

/** What a write changed, as the history keeps it: the field names, and each with its from and to. */
function historyChanges(write: InteractionCommit, fields: InteractionFields): Pick<HistoryEntry, 'changedFields' | 'changes'> {
  if (write.action === 'delete') {
    return { changedFields: ['deleted'], changes: [{ field: 'deleted', from: false, to: true }] };
  }
  if (!write.before) return creationChanges(fields);
  const concurrent = write.concurrentChoices ?? [];
  const changes = [
    ...fieldChanges(write.before, fields).filter(({ field }) => !concurrent.some((choice) => choice.field === field)),
    ...concurrent
  ];
  return { changedFields: changes.map(({ field }) => field), changes };
}

function isIdTaken(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/** Whether a create's fields are those stored (the domain's rule: an empty optional field and a missing one alike). */
function sameFields(stored: InteractionFields, sent: unknown): boolean {
  if (typeof sent !== 'object' || sent === null) return false;
  return changedFieldNames(stored, sent as InteractionFields).length === 0;
}

/** One error per field: the domain's wording where it found the field wrong, the schema's otherwise. */
function validationFailed(result: ValidationResult<InteractionFields>, schemaFindings: FieldError[] = []): HttpError {
  const fields = result.ok ? [] : result.errors;
  const reported = new Set(fields.map((error) => error.field));
  const extra = schemaFindings.filter((error) => !reported.has(error.field));
  return new HttpError(400, 'VALIDATION_FAILED', 'Some fields are not valid.', [...fields, ...extra]);
}

export default fp(
  async (app) => {
    app.decorate(
      'interactions',
      createInteractionsService({
        db: app.db,
        onWrite: (action) => app.metrics?.writes.inc({ action }),
        onDatabaseRefusal: (id, error) => app.log.error({ err: error, interactionId: id }, 'the database refused a pushed document')
      })
    );
  },
  { name: 'interactions-service', dependencies: ['db'] }
);
