import type * as Y from 'yjs';

/**
 * The item holding a Y.Map key's current value, deleted or not; its `left` is the entry it
 * replaced and its `origin` the entry its author saw. Y.Map keeps this chain internal, but it is the
 * only record of which set replaced which, and of which two sets were made at once.
 */
export function currentMapEntry(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  return (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
}
