import * as Y from 'yjs';
import { SCALAR_FIELDS, type ScalarFieldName } from '$lib/domain';
import { FIELDS_MAP } from '$lib/domain/crdt';
import { currentMapEntry } from '$lib/domain/map-entries';

/** A choice of this person's that another person's choice, made at the same time, replaced. */
export interface OverwrittenChoice {
  field: ScalarFieldName;
  mine: string | null;
  kept: string | null;
  /** Who made the kept choice, when they are here to be named. */
  by: string | null;
}

/**
 * Type, start, end and zone cannot merge: when two people choose at once, one choice is kept on
 * every replica and the other is gone. This tells the person whose choice went, rather than
 * letting it vanish from their screen unexplained. A choice replaced by someone who had seen it
 * is an ordinary later edit and is not reported.
 */
export function watchOverwrittenChoices(options: {
  doc: Y.Doc;
  /** Origins of this person's own transactions: their typing, and their undo. */
  ownOrigins: unknown[];
  nameOf(clientId: number): string | null;
  onOverwritten(choice: OverwrittenChoice): void;
}): () => void {
  const { doc } = options;
  const map = doc.getMap(FIELDS_MAP);
  const mine = new Map<ScalarFieldName, { entry: Y.Item; value: string | null }>();
  const listener = (transaction: Y.Transaction) => {
    const keys = transaction.changed.get(map as never);
    if (!keys) return;
    const own = options.ownOrigins.includes(transaction.origin);
    for (const field of SCALAR_FIELDS) {
      if (!keys.has(field)) continue;
      const current = currentMapEntry(map, field);
      if (own) {
        if (current && !current.deleted) mine.set(field, { entry: current, value: map.get(field) as string | null });
        else mine.delete(field);
        continue;
      }
      const choice = mine.get(field);
      if (!choice || current === choice.entry || !current) continue;
      mine.delete(field);
      if (sawEntry(current, choice.entry)) continue;
      options.onOverwritten({ field, mine: choice.value, kept: (map.get(field) as string | null) ?? null, by: options.nameOf(current.id.client) });
    }
  };
  doc.on('afterTransaction', listener);
  return () => doc.off('afterTransaction', listener);
}

function sawEntry(later: Y.Item, earlier: Y.Item): boolean {
  const { origin } = later;
  return (
    origin !== null &&
    origin.client === earlier.id.client &&
    origin.clock >= earlier.id.clock &&
    origin.clock < earlier.id.clock + earlier.length
  );
}
