import * as Y from 'yjs';
import { currentMapEntry } from './map-entries';

/**
 * Title, lead and location were once last-writer-wins entries of the `fields` map: two people
 * typing in one title at once kept only one person's words. They are texts now, like the
 * description (DESIGN §4). This module carries every value a document holds in the old form into
 * its text, on every replica, without coordination:
 *
 * - A map entry's value becomes one insert made by a client id derived from the entry's own id, at
 *   the start of the text with no neighbours. Every replica that upgrades the same entry makes the
 *   very same item, so Yjs keeps it once, however many replicas upgraded it.
 * - An entry that a later set replaced is no one's current value: the text it became is deleted,
 *   wherever it was upgraded. So a device that changed a title offline under the old form, and
 *   syncs after the server upgraded the record, replaces the title rather than adding to it.
 *
 * The map entries stay where they are: a replica still running the old code keeps reading them, and
 * what it writes is upgraded when it arrives.
 */
export const FORMER_REGISTER_FIELDS = ['title', 'lead', 'location'] as const;
export type FormerRegisterField = (typeof FORMER_REGISTER_FIELDS)[number];

/** Brings every old-form value of `doc` into its text. Idempotent; cheap when there is none. */
export function upgradeLegacyRegisters(doc: Y.Doc, fieldsMap: Y.Map<unknown>, origin?: unknown): void {
  for (const name of FORMER_REGISTER_FIELDS) {
    const current = currentMapEntry(fieldsMap, name);
    // Text or null (cleared) were the only valid values; a set of anything else was refused when
    // it was written, and replaces nothing now.
    if (current === undefined || !isFormerValue(current)) continue;
    const replaced = new Set<number>();
    for (let entry = current.left; entry !== null; entry = entry.left) {
      // Deleted entries of one client may have been merged into one item spanning their clocks.
      for (let offset = 0; offset < entry.length; offset++) {
        replaced.add(segmentClient(name, entry.id.client, entry.id.clock + offset));
      }
    }
    deleteSegments(doc, doc.getText(name), replaced, origin);
    const pending = pendingValue(doc, name, current);
    if (pending !== undefined) insertSegment(doc, name, current, pending, origin);
  }
}

/**
 * The old-form value of `name` that the text does not hold yet, if any: what the text will hold
 * once `upgradeLegacyRegisters` runs, for a reader of a document that was never upgraded.
 */
export function pendingLegacyValue(fieldsMap: Y.Map<unknown>, name: FormerRegisterField): string | undefined {
  const current = currentMapEntry(fieldsMap, name);
  return current && fieldsMap.doc ? pendingValue(fieldsMap.doc, name, current) : undefined;
}

function isFormerValue(entry: Y.Item): boolean {
  if (entry.deleted) return false;
  const [value] = entry.content.getContent();
  return value === null || typeof value === 'string';
}

function pendingValue(doc: Y.Doc, name: FormerRegisterField, entry: Y.Item): string | undefined {
  if (!isFormerValue(entry)) return undefined;
  const [value] = entry.content.getContent() as [string | null];
  if (!value) return undefined;
  return doc.store.clients.has(segmentOf(name, entry)) ? undefined : value;
}

function segmentOf(name: string, entry: Y.Item): number {
  return segmentClient(name, entry.id.client, entry.id.clock + entry.length - 1);
}

function insertSegment(doc: Y.Doc, name: string, entry: Y.Item, value: string, origin: unknown): void {
  // Made in an empty document, the insert has no neighbours: the same item on every replica.
  const scratch = new Y.Doc();
  scratch.clientID = segmentOf(name, entry);
  scratch.getText(name).insert(0, value);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch), origin);
  scratch.destroy();
}

function deleteSegments(doc: Y.Doc, text: Y.Text, clients: Set<number>, origin: unknown): void {
  if (![...clients].some((client) => doc.store.clients.has(client))) return;
  const spans: { index: number; length: number }[] = [];
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (clients.has(item.id.client)) spans.push({ index, length: item.length });
    index += item.length;
  }
  if (spans.length === 0) return;
  // From the end, so the earlier spans keep their places.
  doc.transact(() => {
    for (const span of spans.reverse()) text.delete(span.index, span.length);
  }, origin);
}

/** A client id for the text an entry became: FNV-1a over the field and the entry's id. */
function segmentClient(name: string, client: number, clock: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${name}:${client}:${clock}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
