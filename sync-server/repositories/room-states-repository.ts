import type { Queryable } from '../db/database';

/** What a live-editing room needs of a stored interaction: where it belongs and its document. */
export interface RoomState {
  id: string;
  siteId: string;
  createdBy: string;
  serverSeq: number;
  crdt: Uint8Array;
}

const ROOM_STATE_COLUMNS = 'i.id, i.site_id AS "siteId", i.created_by AS "createdBy", i.server_seq AS "serverSeq", i.crdt';

export async function findRoomState(db: Queryable, id: string): Promise<RoomState | undefined> {
  const { rows } = await db.query<RoomState>(`SELECT ${ROOM_STATE_COLUMNS} FROM interactions i WHERE i.id = $1`, [id]);
  return rows[0];
}

/** The states of the given records stored after the sequence number each names. */
export async function listStatesChangedSince(
  db: Queryable,
  known: readonly { id: string; serverSeq: number }[]
): Promise<RoomState[]> {
  const { rows } = await db.query<RoomState>(
    `SELECT ${ROOM_STATE_COLUMNS}
       FROM interactions i JOIN unnest($1::uuid[], $2::bigint[]) AS k(id, seq) ON i.id = k.id
      WHERE i.server_seq > k.seq`,
    [known.map((record) => record.id), known.map((record) => record.serverSeq)]
  );
  return rows;
}
