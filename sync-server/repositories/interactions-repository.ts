import type { Interaction, InteractionFields } from '../../src/lib/domain';
import type { FieldChange, RecordProvenance } from '../../src/lib/domain/sync-protocol';
import type { Queryable } from '../db/database';

/**
 * A stored interaction: the record, who made and last changed it, its review flag, its CRDT state
 * and its place in the sync order.
 */
export interface StoredInteraction extends Interaction, RecordProvenance {
  needsReview: boolean;
  serverSeq: number;
  crdt: Uint8Array;
}

/** The record's timestamp fields, which the drivers return as Dates and the API speaks as ISO text. */
const TIMESTAMP_FIELDS = ['startDatetime', 'endDatetime', 'createdAt', 'updatedAt'] as const;
type TimestampField = (typeof TIMESTAMP_FIELDS)[number];
export type WithDates<T> = Omit<T, TimestampField> & Record<TimestampField, Date>;

/** A row read with RECORD_COLUMNS (or more), with its timestamps as ISO text. */
export function withIsoTimestamps<T extends Record<TimestampField, string>>(row: WithDates<T>): T {
  const converted: Record<string, unknown> = { ...row };
  for (const field of TIMESTAMP_FIELDS) converted[field] = row[field].toISOString();
  return converted as T;
}

// The names as subqueries rather than joins, so every query reading RECORD_COLUMNS keeps its FROM
// and its plan (a pull still walks interactions_site_sync_idx, see pull-plan.test.ts): each is one
// lookup in the users' primary key per row returned, and only for the rows returned. Measured on
// Postgres (20,000 records, 2,005 users), a pull page of 2,000 rows executes in 12.2 ms, 8.3 without.
const PROVENANCE_COLUMNS = `i.updated_by AS "updatedBy",
  (SELECT u.name FROM users u WHERE u.id = i.created_by) AS "createdByName",
  (SELECT u.name FROM users u WHERE u.id = i.updated_by) AS "updatedByName"`;

/** The record as the API returns it, plus its review flag. */
export const RECORD_COLUMNS = `
  i.id, i.site_id AS "siteId", i.title, i.type, i.lead,
  i.start_datetime AS "startDatetime", i.end_datetime AS "endDatetime", i.timezone, i.location,
  i.description, i.notes, i.created_by AS "createdBy", i.created_at AS "createdAt",
  i.updated_at AS "updatedAt", i.deleted, i.needs_review AS "needsReview", ${PROVENANCE_COLUMNS}`;

const INTERACTION_COLUMNS = `${RECORD_COLUMNS}, i.server_seq AS "serverSeq", i.crdt`;

type InteractionRow = WithDates<StoredInteraction>;
const toStoredInteraction = (row: InteractionRow) => withIsoTimestamps<StoredInteraction>(row);

export async function findInteraction(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {}
): Promise<StoredInteraction | undefined> {
  const { rows } = await db.query<InteractionRow>(
    `SELECT ${INTERACTION_COLUMNS} FROM interactions i WHERE i.id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id]
  );
  return rows[0] && toStoredInteraction(rows[0]);
}

/** Locks the records that exist of `ids`, in id order so that two such calls cannot deadlock. */
export async function lockInteractions(db: Queryable, ids: readonly string[]): Promise<StoredInteraction[]> {
  const { rows } = await db.query<InteractionRow>(
    `SELECT ${INTERACTION_COLUMNS} FROM interactions i WHERE i.id = ANY($1::uuid[]) ORDER BY i.id FOR UPDATE`,
    [ids]
  );
  return rows.map(toStoredInteraction);
}

export interface InteractionWrite {
  id: string;
  siteId: string;
  fields: InteractionFields;
  createdBy: string;
  /** The writer: who this write makes the record's last changer. */
  updatedBy: string;
  updatedAt: string;
  /** When a new record was made: its `updatedAt` unless given (the demo data dates its records back). */
  createdAt?: string;
  deleted: boolean;
  needsReview: boolean;
  crdt: Uint8Array;
}

// Instants are kept to the millisecond, as JavaScript (and so the API and the list cursors) holds
// them: a start stored with microseconds would sort apart from the cursor made from it, and keyset
// pages would repeat or skip it.
const toMillisecond = (param: string) => `date_trunc('milliseconds', ${param}::timestamptz)`;

const INSERT_COLUMNS = `title, type, lead, start_datetime, end_datetime, timezone, location, description, notes,
  id, site_id, created_by, updated_by, created_at, updated_at, deleted, needs_review, crdt`;

// Writes travel as one JSON parameter, so a batch is one statement whatever its size; JSON has no
// bytes, so the state goes as base64.
const WRITES = `json_to_recordset($1::json) AS w (
  id uuid, "siteId" uuid, title varchar, type varchar, lead varchar, "startDatetime" timestamptz,
  "endDatetime" timestamptz, timezone varchar, location varchar, description text, notes text,
  "createdBy" uuid, "updatedBy" uuid, "updatedAt" timestamptz, "createdAt" timestamptz, deleted boolean,
  "needsReview" boolean, crdt text)`;

/**
 * The one INSERT of new records, from the writes parameter ($1) and only where `condition` holds:
 * every way a record is created (a save, a push, the one-statement create, the demo seeder) goes
 * through it, so a new column is added here once.
 */
function insertWrites(returning: string, condition = 'true'): string {
  return `INSERT INTO interactions AS i (${INSERT_COLUMNS})
     SELECT w.title, w.type, w.lead, ${toMillisecond('w."startDatetime"')}, ${toMillisecond('w."endDatetime"')},
            w.timezone, w.location, w.description, w.notes, w.id, w."siteId", w."createdBy", w."updatedBy",
            coalesce(w."createdAt", w."updatedAt"), w."updatedAt", w.deleted, w."needsReview", decode(w.crdt, 'base64')
       FROM ${WRITES}
      WHERE ${condition}
     RETURNING ${returning}`;
}

// Objects are spelled out key by key here and below: spreading one object and then adding keys
// costs V8 microseconds per object, which a batch of a thousand records multiplies.
function writesParameter(writes: readonly InteractionWrite[]): string {
  return JSON.stringify(
    writes.map(({ fields, crdt, ...write }) => ({
      id: write.id,
      siteId: write.siteId,
      title: fields.title,
      type: fields.type,
      lead: fields.lead,
      startDatetime: fields.startDatetime,
      endDatetime: fields.endDatetime,
      timezone: fields.timezone,
      location: fields.location,
      description: fields.description,
      notes: fields.notes,
      createdBy: write.createdBy,
      updatedBy: write.updatedBy,
      updatedAt: write.updatedAt,
      createdAt: write.createdAt,
      deleted: write.deleted,
      needsReview: write.needsReview,
      crdt: Buffer.from(crdt.buffer, crdt.byteOffset, crdt.byteLength).toString('base64')
    }))
  );
}

// What a write returns of the stored row: what the database decides or normalizes (ids, instants
// to the millisecond, the sequence number). The rest is exactly what was written, so reading it back
// (the state above all) would only cost time.
const WRITTEN_COLUMNS = `i.id, i.site_id AS "siteId", i.created_by AS "createdBy",
  i.start_datetime AS "startDatetime", i.end_datetime AS "endDatetime", i.created_at AS "createdAt",
  i.updated_at AS "updatedAt", i.server_seq AS "serverSeq", ${PROVENANCE_COLUMNS}`;
type WrittenRow = WithDates<
  Pick<StoredInteraction, 'id' | 'siteId' | 'createdBy' | TimestampField | 'serverSeq' | keyof RecordProvenance>
>;

/** The stored records, in the order of `writes` (RETURNING follows no order). */
function storedAsWritten(writes: readonly InteractionWrite[], rows: WrittenRow[]): StoredInteraction[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return writes.map(({ fields, deleted, needsReview, crdt, id }) => {
    const row = byId.get(id.toLowerCase())!;
    return {
      id: row.id,
      siteId: row.siteId,
      title: fields.title,
      type: fields.type,
      lead: fields.lead,
      timezone: fields.timezone,
      location: fields.location,
      description: fields.description,
      notes: fields.notes,
      createdBy: row.createdBy,
      createdByName: row.createdByName,
      updatedBy: row.updatedBy,
      updatedByName: row.updatedByName,
      startDatetime: row.startDatetime.toISOString(),
      endDatetime: row.endDatetime.toISOString(),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      serverSeq: row.serverSeq,
      deleted,
      needsReview,
      crdt
    };
  });
}

/** Inserts new records in one statement, in the order given (a caller may rely on it for locking). */
export async function insertInteractions(db: Queryable, writes: readonly InteractionWrite[]): Promise<StoredInteraction[]> {
  const { rows } = await db.query<WrittenRow>(insertWrites(WRITTEN_COLUMNS), [writesParameter(writes)]);
  return storedAsWritten(writes, rows);
}

/**
 * Rewrites the records' derived fields and states in one statement, and moves each to the end of
 * the sync order.
 */
export async function updateInteractions(db: Queryable, writes: readonly InteractionWrite[]): Promise<StoredInteraction[]> {
  const { rows } = await db.query<WrittenRow>(
    `UPDATE interactions AS i SET
       title = w.title, type = w.type, lead = w.lead, start_datetime = ${toMillisecond('w."startDatetime"')},
       end_datetime = ${toMillisecond('w."endDatetime"')}, timezone = w.timezone, location = w.location,
       description = w.description, notes = w.notes, updated_by = w."updatedBy", updated_at = w."updatedAt",
       deleted = w.deleted,
       needs_review = w."needsReview", crdt = decode(w.crdt, 'base64'),
       server_seq = nextval('interactions_server_seq')
       FROM ${WRITES}
      WHERE i.id = w.id
     RETURNING ${WRITTEN_COLUMNS}`,
    [writesParameter(writes)]
  );
  return storedAsWritten(writes, rows);
}

export interface HistoryEntry {
  interactionId: string;
  siteId: string;
  userId: string;
  action: 'create' | 'update' | 'delete';
  changedFields: string[];
  /** The same fields with their values before and after. */
  changes: FieldChange[];
  authoredAt: string;
  /** When the server took the change: now unless given (the demo data dates its records back). */
  receivedAt?: string;
}

const HISTORY_COLUMNS = 'interaction_id, site_id, user_id, action, changed_fields, changes, authored_at, received_at';

/** Writes the entries in the order given, so their ids follow it. */
export async function insertHistories(db: Queryable, entries: readonly HistoryEntry[]): Promise<void> {
  await db.query(
    `INSERT INTO interaction_history (${HISTORY_COLUMNS})
     SELECT h."interactionId", h."siteId", h."userId", h.action, h."changedFields", h.changes, h."authoredAt",
            coalesce(h."receivedAt", now())
       FROM json_to_recordset($1::json) AS h (
         "interactionId" uuid, "siteId" uuid, "userId" uuid, action varchar, "changedFields" varchar[],
         changes jsonb, "authoredAt" timestamptz, "receivedAt" timestamptz)`,
    [JSON.stringify(entries)]
  );
}

export interface HistoryRecord {
  id: number;
  action: HistoryEntry['action'];
  changedFields: string[];
  changes: FieldChange[];
  user: { id: string; name: string };
  /** As `user`: the names the route answered with before it had `user`. */
  userId: string;
  userName: string;
  authoredAt: string;
  receivedAt: string;
}

type HistoryRow = Omit<HistoryRecord, 'user' | 'authoredAt' | 'receivedAt'> & { authoredAt: Date; receivedAt: Date };

/** A record's history, oldest first. */
export async function listHistory(db: Queryable, interactionId: string): Promise<HistoryRecord[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT h.id, h.action, h.changed_fields AS "changedFields", h.changes, h.user_id AS "userId",
            u.name AS "userName", h.authored_at AS "authoredAt", h.received_at AS "receivedAt"
       FROM interaction_history h JOIN users u ON u.id = h.user_id
      WHERE h.interaction_id = $1
      ORDER BY h.id`,
    [interactionId]
  );
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    changedFields: row.changedFields,
    changes: row.changes,
    user: { id: row.userId, name: row.userName },
    userId: row.userId,
    userName: row.userName,
    authoredAt: row.authoredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString()
  }));
}

export interface GuardedCreate {
  write: InteractionWrite;
  history: Pick<HistoryEntry, 'changedFields' | 'changes' | 'authoredAt'>;
  /** The roles that may create in the write's site; the writer is `write.createdBy`. */
  roles: readonly string[];
}

/**
 * Inserts a new record and its 'create' history entry in one statement, and only if the writer
 * holds one of `roles` in the site and the site still allows the record's type; otherwise nothing
 * is written and undefined returned. One round trip instead of a lookup plus a transaction.
 */
export async function insertInteractionIfAllowed(db: Queryable, create: GuardedCreate): Promise<StoredInteraction | undefined> {
  const { write, history, roles } = create;
  const { rows } = await db.query<InteractionRow>(
    `WITH allowed AS (
       SELECT 1 FROM user_sites us JOIN sites s ON s.id = us.site_id
        WHERE us.user_id = $2::uuid AND us.site_id = $3::uuid AND us.role = ANY($4::text[])
          AND $5::varchar = ANY(s.interaction_types) AND s.archived_at IS NULL
     ), inserted AS (
       ${insertWrites(INTERACTION_COLUMNS, 'EXISTS (SELECT 1 FROM allowed)')}
     ), history AS (
       INSERT INTO interaction_history (${HISTORY_COLUMNS})
       SELECT id, "siteId", $2::uuid, 'create', $6::varchar[], $7::jsonb, $8::timestamptz, now() FROM inserted
     )
     SELECT * FROM inserted`,
    [
      writesParameter([write]),
      write.createdBy,
      write.siteId,
      roles,
      write.fields.type,
      history.changedFields,
      JSON.stringify(history.changes),
      history.authoredAt
    ]
  );
  return rows[0] && toStoredInteraction(rows[0]);
}
