import * as Y from 'yjs';

export type UpdateCheck = { ok: true; decoded: DecodedUpdate } | { ok: false; reason: string };
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type ClockRange = { start: number; end: number };

/**
 * Checks, without touching the document, that an update can be applied to it whole. Yjs itself
 * accepts an update that builds on changes the document lacks and holds the rest back as
 * "pending"; that pending part would then be written into the stored state and make it unreadable
 * (see decodeInteractionState). So an update is taken only when everything it refers to is in the
 * document or in the update itself.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateCheck {
  let decoded: DecodedUpdate;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'not a Yjs update' };
  }
  const ranges = new Map<number, ClockRange>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) return { ok: false, reason: 'the update has gaps' };
    const { client, clock } = struct.id;
    const range = ranges.get(client);
    if (range && range.end !== clock) return { ok: false, reason: 'the update has gaps' };
    if (range) range.end = clock + struct.length;
    else ranges.set(client, { start: clock, end: clock + struct.length });
  }
  for (const [client, range] of ranges) {
    if (range.start > Y.getState(doc.store, client)) return { ok: false, reason: 'the update builds on changes the document lacks' };
  }
  const known = (id: Y.ID | null) => id === null || isKnown(doc, ranges, id);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent as unknown as Y.ID | string | null;
    if (struct.origin === null && struct.rightOrigin === null && parent === null) {
      return { ok: false, reason: 'an item has no place' };
    }
    if (!known(struct.origin) || !known(struct.rightOrigin) || (parent instanceof Y.ID && !known(parent))) {
      return { ok: false, reason: 'the update builds on changes the document lacks' };
    }
    // Sub-documents are no part of an interaction, and the server would have to load them.
    if (struct.content instanceof Y.ContentDoc) return { ok: false, reason: 'sub-documents are not allowed' };
  }
  for (const [client, deletions] of decoded.ds.clients) {
    const end = Math.max(Y.getState(doc.store, client), ranges.get(client)?.end ?? 0);
    if (deletions.some((deletion) => deletion.clock + deletion.len > end)) {
      return { ok: false, reason: 'the update deletes what the document lacks' };
    }
  }
  return { ok: true, decoded };
}

function isKnown(doc: Y.Doc, ranges: Map<number, ClockRange>, id: Y.ID): boolean {
  if (id.clock < Y.getState(doc.store, id.client)) return true;
  const range = ranges.get(id.client);
  return range !== undefined && id.clock >= range.start && id.clock < range.end;
}

/**
 * Whether a checked update would change the document: a new item, or a deletion of something not
 * yet deleted. A viewer's client sends an empty one as part of every handshake, which is no edit.
 */
export function wouldChange(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  for (const struct of decoded.structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, deletions] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return true;
    for (const { clock, len } of deletions) {
      // Only known clocks get here (checkUpdate), so `structs` holds every clock of the range.
      for (let at = clock; at < clock + len; ) {
        const struct = structs[Y.findIndexSS(structs, at)];
        if (!struct.deleted) return true;
        at = struct.id.clock + struct.length;
      }
    }
  }
  return false;
}
