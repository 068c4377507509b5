// Its own module: the Finder's query plan needs it, and must not import the record's CRDT code.
/**
 * The same instant in UTC, so that string order is time order in every index. Text that is no
 * instant (possible only in a merged state flagged for review) is kept as it is rather than making
 * the record unreadable.
 */
export function toUtcInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
