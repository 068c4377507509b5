import * as Y from 'yjs';
import { SCALAR_FIELDS, sameFieldValue, type InteractionFields, type ScalarFieldName } from '../../src/lib/domain';
import { FIELDS_MAP, decodeInteractionState } from '../../src/lib/domain/crdt';
import { currentMapEntry } from '../../src/lib/domain/map-entries';
import type { FieldChange } from '../../src/lib/domain/sync-protocol';
import type { StoredInteraction } from '../repositories/interactions-repository';

/** What a pushed replica held, before it was merged, of the choices that differ from the stored ones. */
export interface IncomingChoices {
  differing: ScalarFieldName[];
  values: Record<ScalarFieldName, string | null>;
  vector: Map<number, number>;
}

/**
 * Reads a replica's choices and what it had seen, before the stored record is merged into it;
 * undefined when it holds every choice as stored, as most pushes do, which then cost nothing more.
 */
export function readIncomingChoices(doc: Y.Doc, before: StoredInteraction): IncomingChoices | undefined {
  const map = doc.getMap<string | null>(FIELDS_MAP);
  const values = Object.fromEntries(SCALAR_FIELDS.map((name) => [name, map.get(name) ?? null])) as IncomingChoices['values'];
  const differing = SCALAR_FIELDS.filter((name) => !sameFieldValue(name, values[name], before[name]));
  if (differing.length === 0) return undefined;
  return { differing, values, vector: Y.decodeStateVector(Y.encodeStateVector(doc)) };
}

/**
 * The choices (type, start, end, zone) that the pushing replica and the stored record made at the
 * same time, neither having seen the other's: one was kept and the other is gone. Each is a history
 * change from the choice that went to the one kept, marked concurrent, so the record's history
 * shows that someone's choice was overwritten rather than letting it vanish.
 */
export function concurrentChoiceChanges(
  before: StoredInteraction,
  incoming: IncomingChoices,
  merged: InteractionFields
): FieldChange[] {
  const stored = decodeInteractionState(before.crdt, before.id).getMap(FIELDS_MAP);
  const changes: FieldChange[] = [];
  for (const name of incoming.differing) {
    const storedEntry = currentMapEntry(stored, name);
    if (!storedEntry || seen(incoming.vector, storedEntry)) continue;
    const storedValue = (stored.get(name) as string | null | undefined) ?? null;
    const keptIncoming = sameFieldValue(name, merged[name], incoming.values[name]);
    changes.push(
      keptIncoming
        ? { field: name, from: storedValue, to: merged[name], concurrent: true }
        : { field: name, from: incoming.values[name], to: merged[name], concurrent: true }
    );
  }
  return changes;
}

function seen(vector: Map<number, number>, entry: Y.Item): boolean {
  return (vector.get(entry.id.client) ?? 0) > entry.id.clock;
}
