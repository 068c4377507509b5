import { uuidv7 } from '$lib/domain';
import { createInteractionDoc, encodeInteractionState } from '$lib/domain/crdt';

/** A record as the local database holds it: a fresh id and the encoded state of its document. */
export function storedRecord(): { id: string; state: Uint8Array } {
  const id = uuidv7();
  const doc = createInteractionDoc(
    {
      title: 'Site visit',
      type: 'Visit',
      lead: 'Ada',
      startDatetime: '2026-03-10T10:00:00.000Z',
      endDatetime: '2026-03-10T11:00:00.000Z',
      timezone: 'UTC',
      location: null,
      description: 'Walk round.',
      notes: null
    },
    { guid: id }
  );
  return { id, state: encodeInteractionState(doc) };
}
