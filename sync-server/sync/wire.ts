import type { SyncCheckpoint, SyncDocument } from '../../src/lib/domain/sync-protocol';
import type { StoredInteraction } from '../repositories/interactions-repository';
import { START_POSITION, type SyncPosition } from '../repositories/sync-repository';

/** A stored record as replication sends it: the state as base64, everything else as stored. */
export function toSyncDocument({ crdt, ...record }: StoredInteraction): SyncDocument {
  return { ...record, crdt: Buffer.from(crdt.buffer, crdt.byteOffset, crdt.byteLength).toString('base64') };
}

const CHECKPOINT = /^(\d{1,20}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const MAX_XID8 = 2n ** 64n - 1n;

export function formatCheckpoint(position: SyncPosition): SyncCheckpoint {
  return `${position.xid}:${position.id}`;
}

/** The position a checkpoint names; the start for none. Undefined when it is not a checkpoint. */
export function parseCheckpoint(checkpoint: string | undefined): SyncPosition | undefined {
  if (checkpoint === undefined || checkpoint === '') return START_POSITION;
  const match = CHECKPOINT.exec(checkpoint);
  // An xid8 is 64 bits: a larger number would make Postgres fail instead of answering 400.
  if (!match || BigInt(match[1]) > MAX_XID8) return undefined;
  return { xid: match[1], id: match[2].toLowerCase() };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 to bytes; undefined for anything else (Buffer would skip what it cannot read). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
