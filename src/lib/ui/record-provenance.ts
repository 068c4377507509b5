import { InteractionFieldsSchema } from '$lib/domain';
import type { FieldValue, RecordHistoryEntry } from '$lib/domain/sync-protocol';
import { formatInZone } from './time-display';

/** A field a history entry changed, as the record page shows it. */
export interface ShownChange {
  field: string;
  label: string;
  /** Undefined for an entry from before values were kept: only the field's name is known. */
  from?: string;
  to?: string;
  /** `from` was a choice made at the same time as `to`, and overwritten by it. */
  concurrent?: boolean;
}

/**
 * An offline edit reaches the server later than it was made; a minute absorbs the clock skew and
 * the round trip of an online one, so only a real delay is pointed out.
 */
export const RECEIVED_LATER_THRESHOLD_MS = 60_000;

const INSTANT_FIELDS = new Set(['startDatetime', 'endDatetime']);

/** The field's label as the form shows it ("Start", "Notes"), from the domain schema's titles. */
export function fieldLabel(field: string): string {
  if (field === 'deleted') return 'Deleted';
  const schema = (InteractionFieldsSchema.properties as Record<string, { title?: string } | undefined>)[field];
  return schema?.title ?? field;
}

/** A value as the form shows it: instants in the record's time zone, nothing as "empty". */
export function formatFieldValue(field: string, value: FieldValue, timezone: string): string {
  if (value === null || value === '') return 'empty';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return INSTANT_FIELDS.has(field) ? formatInZone(value, timezone) : value;
}

/** What an entry changed, field by field; from is left out of a create, which had nothing before. */
export function describeChanges(entry: RecordHistoryEntry, timezone: string): ShownChange[] {
  if (entry.changes.length === 0) {
    return entry.changedFields.map((field) => ({ field, label: fieldLabel(field) }));
  }
  return entry.changes.map(({ field, from, to, concurrent }) => ({
    field,
    label: fieldLabel(field),
    from: entry.action === 'create' ? undefined : formatFieldValue(field, from, timezone),
    to: formatFieldValue(field, to, timezone),
    concurrent: concurrent === true
  }));
}

/** Whether the server received the change well after it was made: an edit made offline. */
export function receivedLater(entry: Pick<RecordHistoryEntry, 'authoredAt' | 'receivedAt'>): boolean {
  return Date.parse(entry.receivedAt) - Date.parse(entry.authoredAt) > RECEIVED_LATER_THRESHOLD_MS;
}

export const ACTION_WORDS: Record<RecordHistoryEntry['action'], string> = {
  create: 'created it',
  update: 'changed',
  delete: 'deleted it'
};

/**
 * The name to show for a user: the server's, or the signed-in user's own for their records the
 * server has not sent back yet. Undefined when unknown (a record not pulled since the upgrade).
 */
export function personName(
  person: { id: string; name: string },
  me: { id: string; name: string } | null | undefined
): string | undefined {
  if (person.name) return person.name;
  return me && person.id === me.id ? me.name : undefined;
}
