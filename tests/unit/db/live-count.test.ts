import { USER_ID, newSiteId } from './local-databases';
import { describe, expect, it } from 'vitest';
import { openSiteDatabase } from '$lib/db';
import { createInteraction, deleteInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { liveCount } from '$lib/db/live-count';
import { validFields } from '../../support/valid-fields';

async function follow(siteId: string, selector: object) {
  const { interactions } = await openSiteDatabase(siteId);
  const seen: number[] = [];
  const subscription = liveCount(interactions, selector).subscribe((count) => seen.push(count));
  const exact = async () => interactions.count({ selector }).exec();
  return { seen, subscription, exact };
}

describe('liveCount', () => {
  it('keeps the count of matching records through creates, edits that move a record in or out, and deletes', async () => {
    const siteId = newSiteId();
    const first = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    const { seen, subscription } = await follow(siteId, { isDeleted: false, type: 'Call' });
    await expect.poll(() => seen.at(-1)).toBe(1);

    const second = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    await expect.poll(() => seen.at(-1)).toBe(2);
    await createInteraction({ siteId, userId: USER_ID, fields: validFields({ type: 'Meeting' }) });
    await updateInteraction({ siteId, id: second.id, patch: { type: 'Meeting' } });
    await expect.poll(() => seen.at(-1)).toBe(1);
    await deleteInteraction({ siteId, id: first.id });
    await expect.poll(() => seen.at(-1)).toBe(0);
    // Each step was one change of one, never a figure in between.
    expect(seen).toEqual([1, 2, 1, 0]);
    subscription.unsubscribe();
  });

  it('ends exact when records are written while it counts', async () => {
    const siteId = newSiteId();
    await Promise.all(Array.from({ length: 5 }, () => createInteraction({ siteId, userId: USER_ID, fields: validFields() })));
    const { seen, subscription, exact } = await follow(siteId, { isDeleted: false });
    await Promise.all(Array.from({ length: 8 }, () => createInteraction({ siteId, userId: USER_ID, fields: validFields() })));
    expect(await exact()).toBe(13);
    await expect.poll(() => seen.at(-1)).toBe(13);
    subscription.unsubscribe();
  });
});
