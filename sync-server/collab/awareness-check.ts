import * as decoding from 'lib0/decoding';

/** Awareness entries one connection may speak for: a tab has one, a reconnect may briefly add another. */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8;

/**
 * Reads an awareness update in full and returns the client ids it speaks for, or undefined when it
 * is not one. y-protocols applies entries one by one and throws midway on a bad one, so an update is
 * checked whole before it is applied.
 */
export function readAwarenessClients(update: Uint8Array): number[] | undefined {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_CLIENTS_PER_CONNECTION) return undefined;
    const clients: number[] = [];
    for (let index = 0; index < count; index++) {
      clients.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      // A state is an object, or null when the client leaves.
      if (typeof state !== 'object' || Array.isArray(state)) return undefined;
    }
    return decoding.hasContent(decoder) ? undefined : clients;
  } catch {
    return undefined;
  }
}
