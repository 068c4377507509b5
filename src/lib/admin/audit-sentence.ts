import type { AuditEntry } from './types';

export interface AuditSentenceOptions {
  /** Name the site in the sentence: for the organisation-wide log, where entries of many sites mix. */
  withSite?: boolean;
}

/**
 * One audit entry as a sentence a person reads in the log ("Ada Lindqvist changed Ben Carter's role
 * from user to viewer."). Details that are missing or of an unexpected shape are left out of the
 * sentence rather than breaking the log: entries outlive the code that wrote them.
 */
export function auditSentence(entry: AuditEntry, { withSite = false }: AuditSentenceOptions = {}): string {
  const actor = personName(entry.actor) ?? 'Someone';
  const subject = personName(entry.subject) ?? 'someone';
  const where = withSite && entry.siteName ? ` in ${entry.siteName}` : '';
  const site = entry.siteName ?? 'a site';
  const details = entry.details ?? {};
  const role = text(details.role);
  const asRole = role ? ` as ${role}` : '';

  switch (entry.action) {
    case 'site.created':
      return `${actor} created the site ${site}.`;
    case 'site.updated': {
      const changes = settingChanges(details.changes);
      return changes ? `${actor} changed the site ${site}: ${changes}.` : `${actor} changed the details of ${site}.`;
    }
    case 'site.archived':
      return `${actor} archived the site ${site}.`;
    case 'site.restored':
      return `${actor} restored the site ${site}.`;
    case 'site.types-changed':
      return `${actor} ${typeChanges(details) ?? 'changed the interaction types'}${where}.`;
    case 'member.added':
      return `${actor} added ${subject}${asRole}${where}.`;
    case 'member.role-changed': {
      const from = text(details.from);
      const to = text(details.to);
      const change = from && to ? ` from ${from} to ${to}` : to ? ` to ${to}` : '';
      return `${actor} changed ${possessive(subject)} role${change}${where}.`;
    }
    case 'member.removed':
      return `${actor} removed ${subject}${where}.`;
    case 'invitation.created':
      return `${actor} invited ${subject}${asRole}${where}.`;
    case 'invitation.accepted':
      return `${subject === 'someone' ? actor : subject} accepted the invitation${asRole}${where}.`;
    case 'invitation.cancelled':
      return `${actor} cancelled the invitation for ${subject}${where}.`;
    case 'org-admin.granted':
      return `${actor} made ${subject} an organisation administrator${entry.subject?.userId ? '' : ' (from their first sign-in)'}.`;
    case 'org-admin.revoked':
      return `${actor} removed ${subject} as organisation administrator.`;
    default:
      return `${actor}: ${String(entry.action)}${where}.`;
  }
}

const SETTING_LABELS: Record<string, string> = {
  name: 'the name',
  description: 'the description',
  timeZone: 'the time zone',
  interactionTypes: 'the interaction types'
};

/** "the name from “Leeds” to “Leeds Hub” and the time zone from …", or null if nothing readable. */
function settingChanges(changes: unknown): string | null {
  if (!Array.isArray(changes) || changes.length === 0) return null;
  const parts = changes.flatMap((change) => {
    if (typeof change !== 'object' || change === null) return [];
    const { field, from, to } = change as Record<string, unknown>;
    const label = SETTING_LABELS[String(field)] ?? `“${String(field)}”`;
    return [`${label} from ${shown(from)} to ${shown(to)}`];
  });
  return parts.length > 0 ? listed(parts) : null;
}

function typeChanges(details: Record<string, unknown>): string | null {
  const added = textList(details.added);
  const removed = textList(details.removed);
  const parts = [
    ...(added.length > 0 ? [`added the ${plural(added.length, 'type')} ${listed(added.map(quoted))}`] : []),
    ...(removed.length > 0 ? [`retired the ${plural(removed.length, 'type')} ${listed(removed.map(quoted))}`] : [])
  ];
  return parts.length > 0 ? listed(parts) : null;
}

function personName(person: { name?: string | null; email?: string | null } | null | undefined): string | null {
  return text(person?.name) ?? text(person?.email);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (Array.isArray(value)) return listed(value.map((entry) => quoted(String(entry))));
  return quoted(String(value));
}

const quoted = (value: string) => `“${value}”`;
const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);
const plural = (count: number, word: string) => (count === 1 ? word : `${word}s`);

function listed(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
