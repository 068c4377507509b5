import * as Y from 'yjs';
import { changedFieldNames, findIntroducedUnstorableFields, findUnstorableFields, roleAllows, typesAllowedFor, validateInteractionFields, type FieldError, type InteractionFields, type SiteAction } from '../../src/lib/domain';
import { decodeInteractionState, isInteractionDeleted, readInteractionFields } from '../../src/lib/domain/crdt';
import type { FieldChange, RefusedDocument } from '../../src/lib/domain/sync-protocol';
import type { Database, Queryable } from '../db/database';
import { lockInteractions, type StoredInteraction } from '../repositories/interactions-repository';
import type { Actor } from './actor';
import { concurrentChoiceChanges, readIncomingChoices, type IncomingChoices } from './concurrent-choices';
import type { CommitInteractions, InteractionCommit, WriteAction } from './interaction-commit';
import { requireSiteRole } from './site-access';

/** A replica's state of one record, as replication pushes it. */
export interface RemoteChange {
  id: string;
  siteId: string;
  /** The replica's encoded Yjs state; the server reads nothing else of the document. */
  crdt: Uint8Array;
  /** The server version the replica last had: its serverSeq, or null for a record it made itself. */
  assumedServerSeq: number | null;
  /** When the replica last changed it, if known: the history's authored-at. */
  authoredAt?: string;
}

export interface RemoteChangesOutcome {
  /** The merged records whose replica had an outdated version: it must merge them in. */
  conflicts: StoredInteraction[];
  refused: RefusedDocument[];
  /** What was stored, for the caller's notifications. */
  written: { action: WriteAction; record: StoredInteraction }[];
}

type Refusal = Omit<RefusedDocument, 'id'>;

export interface RemoteChangesDeps {
  db: Database;
  commit: CommitInteractions;
  /** Told of each document the database itself refused, which no domain rule foresaw: a bug to look into. */
  onDatabaseRefusal?(id: string, error: unknown): void;
}

const UNIQUE_VIOLATION = '23505';
const DATABASE_REFUSAL: Refusal = {
  code: 'UNSTORABLE',
  message: 'The database could not store this document; the rest of the batch was stored without it.'
};
type Merged = { doc: Y.Doc; fields: InteractionFields; needsReview: boolean; action: WriteAction; concurrentChoices: FieldChange[] };

/**
 * Replication's push: each replica state is merged into the stored document (a CRDT merge, so
 * nothing either side wrote is lost), the fields are derived from the merge and stored through the
 * same commit as every other write. One batch is one transaction; a document that cannot be taken
 * is refused on its own with its reason, and the rest of the batch goes on.
 */
export async function pushRemoteChanges(
  deps: RemoteChangesDeps,
  actor: Actor,
  siteId: string,
  changes: RemoteChange[]
): Promise<RemoteChangesOutcome> {
  // Not a member: 403 for the whole request, as for every other call naming the site.
  const membership = await requireSiteRole(deps.db, { userId: actor.userId, siteId, action: 'read' });
  // Rows are locked, and new ones inserted, in id order (Postgres's order of uuids), so two batches
  // touching the same records cannot deadlock.
  const ordered = [...changes].sort((a, b) => compareIds(a.id, b.id));
  let isolated = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await mergeBatch();
    } catch (error) {
      // One document the database refuses must not keep the others out (nor make the replica retry
      // the whole batch for ever): the batch runs again with each write on its own.
      if (!isolated && isDataRefusal(error)) {
        isolated = true;
        continue;
      }
      // Two replicas pushed the same new record at once and the other insert won: run the batch
      // again, and this time the record is there to merge into.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt === 3) throw error;
    }
  }

  async function mergeBatch(): Promise<RemoteChangesOutcome> {
    const outcome: RemoteChangesOutcome = { conflicts: [], refused: [], written: [] };
    await deps.db.transaction(async (tx) => {
      for (const round of rounds(ordered)) await mergeRound(tx, round, outcome);
    });
    return outcome;
  }

  /** The writes stored, in order; in isolation each in its own savepoint, a refused one as a refusal. */
  async function commitWrites(tx: Queryable, writes: InteractionCommit[]): Promise<(StoredInteraction | Refusal)[]> {
    if (writes.length === 0) return [];
    if (!isolated) return deps.commit(tx, writes);
    const results: (StoredInteraction | Refusal)[] = [];
    for (const write of writes) {
      await tx.query('SAVEPOINT push_document');
      try {
        const [record] = await deps.commit(tx, [write]);
        await tx.query('RELEASE SAVEPOINT push_document');
        results.push(record);
      } catch (error) {
        if (!isDataRefusal(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT push_document');
        deps.onDatabaseRefusal?.(write.id, error);
        results.push(DATABASE_REFUSAL);
      }
    }
    return results;
  }

  // The whole round is read, merged and written with a few statements rather than a few per document.
  async function mergeRound(tx: Queryable, round: RemoteChange[], outcome: RemoteChangesOutcome): Promise<void> {
    const ours = round.filter((change) => change.siteId === siteId).map((change) => change.id);
    const locked = ours.length > 0 ? await lockInteractions(tx, ours) : [];
    const stored = new Map(locked.map((record) => [record.id, record]));
    const writes: InteractionCommit[] = [];
    const settled: { change: RemoteChange; before?: StoredInteraction; write?: number }[] = [];
    for (const change of round) {
      const before = change.siteId === siteId ? stored.get(change.id.toLowerCase()) : undefined;
      const merged = change.siteId !== siteId || (before && before.siteId !== siteId) ? siteMismatch() : merge(change, before);
      if ('code' in merged) {
        outcome.refused.push({ id: change.id, ...merged });
        continue;
      }
      if (before && sameState(before, merged)) {
        settled.push({ change, before });
        continue;
      }
      settled.push({ change, before, write: writes.length });
      writes.push({ actor, siteId, id: change.id, before, authoredAt: change.authoredAt, ...merged });
    }
    const results = await commitWrites(tx, writes);
    for (const { change, before, write } of settled) {
      const result = write === undefined ? before : results[write];
      if (result && 'code' in result) {
        outcome.refused.push({ id: change.id, ...result });
        continue;
      }
      if (write !== undefined && result) outcome.written.push({ action: writes[write].action, record: result });
      if (before && result && change.assumedServerSeq !== before.serverSeq) outcome.conflicts.push(result);
    }
  }

  function merge(change: RemoteChange, before: StoredInteraction | undefined): Merged | Refusal {
    const { role, site } = membership;
    let doc: Y.Doc;
    let fields: InteractionFields;
    let incoming: IncomingChoices | undefined;
    try {
      doc = decodeInteractionState(change.crdt, change.id);
      if (before) {
        incoming = readIncomingChoices(doc, before);
        Y.applyUpdate(doc, before.crdt);
      }
      fields = readInteractionFields(doc);
    } catch {
      return { code: 'INVALID_STATE', message: 'The document’s Yjs state cannot be read.' };
    }
    // A value stored before a rule tightened is kept (and flagged below); only a new one is refused.
    const unstorable = findUnstorableFields(fields);
    const introduced = unstorable.length > 0 && before ? findIntroducedUnstorableFields(fields, storedFields(before)) : unstorable;
    if (introduced.length > 0) {
      return { code: 'VALIDATION_FAILED', message: 'Some fields cannot be stored.', fields: introduced };
    }
    const deleted = isInteractionDeleted(doc);
    const action: WriteAction = !before ? 'create' : deleted && !before.deleted ? 'delete' : 'update';
    const permission: SiteAction = action === 'create' ? 'create' : action === 'delete' ? 'delete' : 'edit';
    if (!roleAllows(role, permission, before?.createdBy === actor.userId)) {
      return { code: 'ROLE_FORBIDDEN', message: `As ${role} of ${site.name} you cannot ${permission} interactions here.` };
    }
    // A retired type stays valid on a record that already had it, and is refused on a new one.
    const review = validateInteractionFields(fields, { allowedTypes: typesAllowedFor(site, before?.type) });
    // What is left unstorable was stored before (checked above): it stays in the document for a person
    // to fix, flagged, while the columns keep the value they already hold.
    const columns = before && unstorable.length > 0 ? keepStoredValues(fields, before, unstorable) : fields;
    const concurrentChoices = before && incoming ? concurrentChoiceChanges(before, incoming, fields) : [];
    return { doc, fields: columns, needsReview: !review.ok, action, concurrentChoices };
  }
}

function keepStoredValues(fields: InteractionFields, stored: InteractionFields, keep: FieldError[]): InteractionFields {
  const kept: InteractionFields = { ...fields };
  for (const { field } of keep) Object.assign(kept, { [field]: stored[field as keyof InteractionFields] });
  return kept;
}

function storedFields(record: StoredInteraction): InteractionFields {
  return readInteractionFields(decodeInteractionState(record.crdt, record.id));
}

/**
 * A statement the database refused for the data it was given (SQLSTATE classes 22 and 23, a
 * concurrent insert of the same id aside): a fault of that document, not of the connection.
 */
function isDataRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23')) && code !== UNIQUE_VIOLATION;
}

/** Uuids as Postgres orders them: by their bytes, which is their lower-case text's order. */
function compareIds(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Splits sorted changes into rounds that hold each record once, so each round's statements touch
 * a record at most once; a record pushed twice in one batch is merged twice, in order.
 */
function rounds(ordered: RemoteChange[]): RemoteChange[][] {
  const result: RemoteChange[][] = [];
  const seen = new Map<string, number>();
  for (const change of ordered) {
    const id = change.id.toLowerCase();
    const round = seen.get(id) ?? 0;
    seen.set(id, round + 1);
    (result[round] ??= []).push(change);
  }
  return result;
}

function siteMismatch(): Refusal {
  return { code: 'SITE_MISMATCH', message: 'This document belongs to another site than the one synced.' };
}

/** Nothing new in the merge: the replica had nothing the server lacked. */
function sameState(before: StoredInteraction, { doc, fields, needsReview }: Merged): boolean {
  if (before.needsReview !== needsReview || before.deleted !== isInteractionDeleted(doc)) return false;
  // A deletion in a text adds no item, only a delete mark, so the fields are compared as well; first,
  // as the cheaper test, which settles most changes without reading the stored state again.
  if (changedFieldNames(before, fields).length > 0) return false;
  return equalBytes(Y.encodeStateVector(doc), Y.encodeStateVectorFromUpdate(before.crdt));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
