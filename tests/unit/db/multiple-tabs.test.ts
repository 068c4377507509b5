import { USER_ID, newSiteId, testStorage } from './local-databases';
import { afterEach, describe, expect, it } from 'vitest';
import { getInteraction, observeInteraction, observeQuery, openSiteDatabase, type LocalInteraction } from '$lib/db';
import { createInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { createInteractionIn, updateInteractionIn } from '$lib/db/interaction-writes';
import { createSiteDatabase, type SiteDatabase } from '$lib/db/site-database';
import { waitFor } from '../../support/wait-for';
import { validFields } from '../../support/valid-fields';

// A second tab is a second RxDB instance of the same database; its writes reach the first only
// over RxDB's BroadcastChannel, which is what these tests exercise.
const secondTabs: SiteDatabase[] = [];

/**
 * Opens the second tab's instance; open this tab's first. The registry closes other instances of a
 * database in its own JavaScript context (left over from a hot reload), and here, unlike in a
 * browser, the second tab shares that context.
 */
async function openSecondTab(siteId: string): Promise<SiteDatabase> {
  await openSiteDatabase(siteId);
  const tab = await createSiteDatabase({ siteId, storage: testStorage(), ignoreDuplicate: true });
  secondTabs.push(tab);
  return tab;
}

afterEach(async () => {
  await Promise.all(secondTabs.splice(0).map((tab) => tab.rxDatabase.close()));
});

describe('two tabs on one site', () => {
  it("shows this tab's new interaction in the other tab's live query", async () => {
    const siteId = newSiteId();
    const otherTab = await openSecondTab(siteId);
    const seenThere: string[][] = [];
    const subscription = otherTab.interactions.find().$.subscribe((found) => seenThere.push(found.map((row) => row.id)));

    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });

    await waitFor(() => seenThere.at(-1)?.includes(created.id) ?? false, 'the other tab sees the new row');
    subscription.unsubscribe();
  });

  it("shows the other tab's edits in this tab's observed interaction and Finder page", async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    const otherTab = await openSecondTab(siteId);
    let observed: LocalInteraction | null = null;
    let finderTitles: string[] = [];
    const subscriptions = [
      observeInteraction(siteId, created.id).subscribe((row) => (observed = row)),
      observeQuery({ siteIds: [siteId], limit: 10 }).subscribe((page) => (finderTitles = page.rows.map((row) => row.title)))
    ];

    await updateInteractionIn(otherTab, { id: created.id, patch: { title: 'Edited in the other tab' } });
    await createInteractionIn(otherTab, { userId: USER_ID, fields: validFields({ title: 'Made in the other tab' }) });

    await waitFor(
      () => (observed as LocalInteraction | null)?.title === 'Edited in the other tab',
      'this tab observes the edit'
    );
    await waitFor(() => finderTitles.includes('Made in the other tab'), "this tab's Finder lists the new row");
    subscriptions.forEach((subscription) => subscription.unsubscribe());
  });

  it('keeps both edits when the tabs change different fields of one record at once', async () => {
    const siteId = newSiteId();
    const created = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    const otherTab = await openSecondTab(siteId);

    await Promise.all([
      updateInteraction({ siteId, id: created.id, patch: { title: 'Title from this tab' } }),
      updateInteractionIn(otherTab, { id: created.id, patch: { description: 'Description from the other tab' } })
    ]);

    // This tab learns of the other's write over the channel, a moment after it is stored.
    await expect
      .poll(() => getInteraction(siteId, created.id))
      .toMatchObject({ title: 'Title from this tab', description: 'Description from the other tab' });
  });
});
