import type { Awareness } from 'y-protocols/awareness';

/**
 * What each editor announces through awareness; the shape every client of the endpoint shares. The
 * server stamps `user` from the socket's token before anyone else sees it, and drops a state whose
 * `id` is someone else's: names shown here are the signed-in people's own.
 */
export interface PresenceState {
  user: { id: string; name: string; color: string };
  /** The form field they are in (a form field name such as `notes`), or null between fields. */
  field: string | null;
}

/** Another person in the form now. */
export interface Presence {
  clientId: number;
  name: string;
  initials: string;
  color: string;
  field: string | null;
}

// Dark enough for white initials on top, and told apart by name as well, never by colour alone.
const COLORS = ['#1f5fbf', '#a3313d', '#2e6b30', '#7a3fa0', '#8a5300', '#0f6b73', '#5c5f66', '#b0306f'];

/** A stable colour per person, so they look the same in every form and on every device. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let index = 0; index < userId.length; index++) hash = (hash * 31 + userId.charCodeAt(index)) >>> 0;
  return COLORS[hash % COLORS.length];
}

/** Up to two initials of a name; the first letter of an address when that is all there is. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s@._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => [...word][0]?.toLocaleUpperCase() ?? '').join('') || '?';
}

export function announcePresence(awareness: Awareness, state: PresenceState): void {
  awareness.setLocalState(state);
}

/** Moves this person's presence to another field (null when they leave the fields). */
export function announceField(awareness: Awareness, field: string | null): void {
  if (awareness.getLocalState() === null) return;
  awareness.setLocalStateField('field', field);
}

/**
 * The other people present, read from awareness. States are checked field by field: they come
 * from other clients and may be malformed, and one bad state must not hide everyone else.
 */
export function othersPresent(awareness: Awareness): Presence[] {
  const others: Presence[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const user = (state as Partial<PresenceState>).user;
    if (!user || typeof user.name !== 'string' || !user.name.trim()) continue;
    const field = (state as Partial<PresenceState>).field;
    others.push({
      clientId,
      name: user.name,
      initials: initialsOf(user.name),
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : COLORS[6],
      field: typeof field === 'string' ? field : null
    });
  }
  return others.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}
