import type { FastifyInstance } from 'fastify';
import { findRoomState, listStatesChangedSince, type RoomState } from '../repositories/room-states-repository';

export type { RoomState };

export interface RoomSave {
  id: string;
  siteId: string;
  /** Who the history names: the room's last editor (or the one who deleted the record). */
  userId: string;
  state: Uint8Array;
  assumedServerSeq: number;
}

export type SaveOutcome =
  | { stored: true; serverSeq: number; /** The stored state, when it held changes the room lacked. */ merged?: Uint8Array }
  | { stored: false; code: string; message: string };

/**
 * Everything a room reads from or writes to the database. Writes go through replication's push, so
 * a live edit is merged, derived, validated (a state that breaks a rule is stored flagged for
 * review), sequenced, written to the history and announced exactly like any other change.
 */
export interface RoomStore {
  load(id: string): Promise<RoomState | undefined>;
  save(save: RoomSave): Promise<SaveOutcome>;
  changedSince(known: readonly { id: string; serverSeq: number }[]): Promise<RoomState[]>;
}

export function createRoomStore(app: FastifyInstance): RoomStore {
  return {
    load: (id) => findRoomState(app.db, id),
    changedSince: (known) => listStatesChangedSince(app.db, known),
    async save({ id, siteId, userId, state, assumedServerSeq }) {
      const outcome = await app.interactions.push({ userId }, siteId, [{ id, siteId, crdt: state, assumedServerSeq }]);
      const [refused] = outcome.refused;
      if (refused) return { stored: false, code: refused.code, message: refused.message };
      const written = outcome.written[0]?.record;
      const [conflict] = outcome.conflicts;
      return {
        stored: true,
        serverSeq: written?.serverSeq ?? conflict?.serverSeq ?? assumedServerSeq,
        merged: conflict?.crdt
      };
    }
  };
}
