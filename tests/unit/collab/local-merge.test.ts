import { USER_ID, newSiteId } from '../db/local-databases';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyInteractionChange } from '$lib/domain/crdt';
import { getInteraction, openSiteDatabase } from '$lib/db';
import { createInteraction, mergeInteractionState } from '$lib/db/interaction-writes';
import { base64ToBytes } from '$lib/db/base64';
import { decodeStoredState } from '$lib/db/interaction-record';
import type { InteractionDocument } from '$lib/db/local-interaction';
import { validFields } from '../../support/valid-fields';

async function storedCrdt(siteId: string, id: string): Promise<Uint8Array> {
  const { interactions } = await openSiteDatabase(siteId);
  const found = await interactions.findOne(id).exec();
  return base64ToBytes((found?.toJSON() as InteractionDocument).crdt);
}

describe('mergeInteractionState', () => {
  it('stores a live document’s edits in the record, pending sync', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    const live = new Y.Doc();
    Y.applyUpdate(live, await storedCrdt(siteId, created.id));
    applyInteractionChange(live, { notes: 'typed live', title: 'Renamed live' });

    const merged = await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live) });
    expect(merged).toMatchObject({ notes: 'typed live', title: 'Renamed live', pendingSync: true, needsReview: false });
  });

  it('keeps an edit stored meanwhile by sync or another tab', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ notes: 'one' }) });
    const live = new Y.Doc();
    Y.applyUpdate(live, await storedCrdt(siteId, created.id));
    const elsewhere = decodeStoredState({ crdt: Buffer.from(await storedCrdt(siteId, created.id)).toString('base64') });
    applyInteractionChange(elsewhere, { notes: 'one two' });
    await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(elsewhere) });

    applyInteractionChange(live, { notes: 'zero one' });
    const merged = await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live) });
    expect(merged.notes).toBe('zero one two');
  });

  it('stores a state that breaks a rule flagged for review, skips an emptied description, and writes nothing for a state it has', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    const live = new Y.Doc();
    Y.applyUpdate(live, await storedCrdt(siteId, created.id));
    applyInteractionChange(live, { type: 'Not a type of this site' });
    const flagged = await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live), interactionTypes: ['Meeting'] });
    expect(flagged).toMatchObject({ type: 'Not a type of this site', needsReview: true });

    applyInteractionChange(live, { description: '' });
    const skipped = await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live) });
    expect(skipped.description).toBe(created.description);
    applyInteractionChange(live, { description: 'Retyped.' });

    await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live) });
    const before = await getInteraction(siteId, created.id);
    expect(before?.description).toBe('Retyped.');
    const again = await mergeInteractionState({ siteId, id: created.id, state: Y.encodeStateAsUpdate(live) });
    expect(again.updatedAt).toBe(before?.updatedAt);
  });
});
