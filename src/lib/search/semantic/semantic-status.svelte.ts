import type { SemanticStatusMessage } from './worker-protocol';

/**
 * Where semantic search stands, for components to read: `idle` (not started on this device),
 * the model `loading`, records `indexing`
 * (`done` of `total` embedded), `ready`, or `unavailable` with a message saying why.
 */
export const semanticStatus = $state<SemanticStatusMessage>({ state: 'idle', done: 0, total: 0 });

export function setSemanticStatus(next: SemanticStatusMessage): void {
  // The page says it in one plain sentence; the cause is for whoever administers the server.
  if (next.state === 'unavailable' && semanticStatus.state !== 'unavailable') {
    console.warn(`Meaning search is unavailable: ${next.message ?? next.cause ?? 'no reason given'}`);
  }
  semanticStatus.state = next.state;
  semanticStatus.cause = next.cause;
  semanticStatus.done = next.done;
  semanticStatus.total = next.total;
  semanticStatus.message = next.message;
}
