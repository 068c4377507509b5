import { colorFor } from '../../src/lib/collab/presence';
import type { AwarenessEntry } from './awareness-check';

/** Who a socket's token says it is: the only identity its presence may show. */
export interface PresenceIdentity {
  userId: string;
  displayName: string;
}

/**
 * A peer's awareness entries as everyone else may see them. The identity each state shows is the
 * verified one, whatever the client wrote: a state naming another user id is dropped, as is an
 * entry for a client id another user's socket speaks for (taking it over would replace that
 * person's presence); any other state has its `user` stamped from the token.
 */
export function stampIdentity(
  entries: readonly AwarenessEntry[],
  identity: PresenceIdentity,
  isAnotherUsersClient: (clientId: number) => boolean
): AwarenessEntry[] {
  const kept: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (isAnotherUsersClient(entry.clientId)) continue;
    if (entry.state === null) {
      kept.push(entry);
      continue;
    }
    const claimed = entry.state.user as { id?: unknown } | null | undefined;
    if (typeof claimed === 'object' && claimed !== null && claimed.id !== undefined && claimed.id !== identity.userId) continue;
    const user = { id: identity.userId, name: identity.displayName, color: colorFor(identity.userId) };
    kept.push({ ...entry, state: { ...entry.state, user } });
  }
  return kept;
}
