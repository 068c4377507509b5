import * as Y from 'yjs';
import { type InteractionFields } from '../../src/lib/domain';
import { createInteractionDoc } from '../../src/lib/domain/crdt';
import { BENCH_SITE } from '../sync/fixtures';

/** The content of every document the suite opens, ours as records and the peers' as seeded state. */
function recordFields(index: number): InteractionFields {
  return {
    title: `Co-editing ${index}`,
    type: 'Meeting',
    lead: 'Bench',
    startDatetime: '2026-03-02T09:30:00.000Z',
    endDatetime: '2026-03-02T10:30:00.000Z',
    timezone: 'Europe/London',
    location: null,
    description: 'Edited live by the benchmark.',
    notes: null
  };
}

/** Creates `count` interactions on the bench site through the API; their ids are our endpoint's rooms. */
export async function createRecords(baseUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${baseUrl}/api/interactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId: BENCH_SITE.id, ...recordFields(index) })
    });
    if (response.status !== 201) throw new Error(`creating a record answered ${response.status}: ${await response.text()}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}

/**
 * The Yjs state of a record as our server holds it, for the peers' documents: an idle room there
 * would otherwise be an empty document, and cost less for holding nothing.
 */
export function recordState(index: number): Uint8Array {
  return Y.encodeStateAsUpdate(createInteractionDoc(recordFields(index)));
}
