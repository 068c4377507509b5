import type { SyncDocument } from '../../src/lib/domain/sync-protocol';
import type { Queryable } from '../db/database';
import { RECORD_COLUMNS } from './interactions-repository';

/** A position in a site's commit order (see migration 0004): the writing transaction, then the id. */
export interface SyncPosition {
  /** An xid8, as text: it can pass 2^53. */
  xid: string;
  id: string;
}

/** A batch of a site's changes as replication sends them, and where it ends. */
export interface ChangesPage {
  documents: SyncDocument[];
  /** The last document's position; undefined for an empty batch. */
  last?: SyncPosition;
}

/** Before every row: no transaction id is 0. */
export const START_POSITION: SyncPosition = { xid: '0', id: '00000000-0000-0000-0000-000000000000' };

// Only transactions older than every running one: their rows can no longer change or appear.
const BELOW_WATERMARK = `i.sync_xid < pg_snapshot_xmin(pg_current_snapshot())`;
const AFTER_POSITION = `(i.sync_xid, i.id) > ($2::xid8, $3::uuid)`;

// A pull sends thousands of rows a second: Postgres writes the timestamps as the API's ISO text and
// the state as base64 (without the line breaks encode() adds), which in Node took most of a pull's
// time as Date objects, hex strings and Buffers made only to be turned back into text.
const ISO_TIMESTAMP = /i\.(\w+) AS "(startDatetime|endDatetime|createdAt|updatedAt)"/g;
const WIRE_COLUMNS = RECORD_COLUMNS.replace(
  ISO_TIMESTAMP,
  (_, column: string, alias: string) => `to_char(i.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${alias}"`
);
if (WIRE_COLUMNS.match(/to_char/g)?.length !== 4) throw new Error('RECORD_COLUMNS no longer names the four timestamps as expected');

type ChangedRow = SyncDocument & { xid: string };

/** A site's rows changed after `after`, in commit order, tombstones included. */
export async function listChangesSince(
  db: Queryable,
  siteId: string,
  after: SyncPosition,
  limit: number
): Promise<ChangesPage> {
  const { rows } = await db.query<ChangedRow>(
    `SELECT ${WIRE_COLUMNS}, i.server_seq AS "serverSeq",
            replace(encode(i.crdt, 'base64'), E'\\n', '') AS crdt, i.sync_xid::text AS xid
       FROM interactions i
      WHERE i.site_id = $1 AND ${AFTER_POSITION} AND ${BELOW_WATERMARK}
      ORDER BY i.sync_xid, i.id
      LIMIT $4`,
    [siteId, after.xid, after.id, limit]
  );
  const lastRow = rows.at(-1);
  return {
    documents: rows.map(({ xid: _xid, ...document }) => document),
    last: lastRow && { xid: lastRow.xid, id: lastRow.id }
  };
}

/** How many of a site's rows a pull from `after` has still to send. */
export async function countChangesSince(db: Queryable, siteId: string, after: SyncPosition): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*) AS count FROM interactions i WHERE i.site_id = $1 AND ${AFTER_POSITION}`,
    [siteId, after.xid, after.id]
  );
  return rows[0].count;
}

/** The newest position a pull could reach now: where a live feed starts. */
export async function readSyncHead(db: Queryable, siteId: string): Promise<SyncPosition> {
  const { rows } = await db.query<SyncPosition>(
    `SELECT i.sync_xid::text AS xid, i.id FROM interactions i
      WHERE i.site_id = $1 AND ${BELOW_WATERMARK}
      ORDER BY i.sync_xid DESC, i.id DESC LIMIT 1`,
    [siteId]
  );
  return rows[0] ?? START_POSITION;
}

/**
 * Whether committed rows of the site wait above the watermark, held back by an older transaction
 * still running: a reader that wants them soon must look again.
 */
export async function hasHeldBackChanges(db: Queryable, siteId: string): Promise<boolean> {
  const { rows } = await db.query<{ heldBack: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM interactions i WHERE i.site_id = $1 AND NOT (${BELOW_WATERMARK})) AS "heldBack"`,
    [siteId]
  );
  return rows[0].heldBack;
}
