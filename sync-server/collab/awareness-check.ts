import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Awareness entries one connection may speak for: a tab has one, a reconnect may briefly add another. */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;

/** One client's state in an awareness update; null when the client leaves. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Reads an awareness update in full, or returns undefined when it is not one. y-protocols applies
 * entries one by one and throws midway on a bad one, so an update is checked whole before any of
 * it is applied.
 */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | undefined {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_CLIENTS_PER_CONNECTION) return undefined;
    const entries: AwarenessEntry[] = [];
    for (let index = 0; index < count; index++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (typeof state !== 'object' || Array.isArray(state)) return undefined;
      entries.push({ clientId, clock, state: state as AwarenessEntry['state'] });
    }
    return decoding.hasContent(decoder) ? undefined : entries;
  } catch {
    return undefined;
  }
}

/** The awareness update that carries these entries, in y-protocols' encoding. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
