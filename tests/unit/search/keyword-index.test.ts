import { indexedDB, USER_ID, newSiteId } from '../db/local-databases';
import { afterEach, describe, expect, it } from 'vitest';
import { openSiteDatabase } from '$lib/db';
import { createInteraction, deleteInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { KeywordIndex } from '$lib/search/keyword/keyword-index';
import { KEYWORD_INDEX_VERSION } from '$lib/search/keyword/keyword-options';
import { KeywordService } from '$lib/search/keyword/keyword-service';
import { loadStoredIndex, saveStoredIndex, type StoredKeywordIndex } from '$lib/search/keyword/index-store';
import { SiteFollower, type FollowedCollection } from '$lib/search/keyword/site-follower';
import { validFields } from '../../support/valid-fields';

const followers: SiteFollower[] = [];
afterEach(() => followers.splice(0).forEach((follower) => follower.stop()));

async function follow(siteId: string, service: KeywordService): Promise<SiteFollower> {
  const { interactions } = await openSiteDatabase(siteId);
  const follower = new SiteFollower({ siteId, collection: interactions as unknown as FollowedCollection, backend: service });
  followers.push(follower);
  await follower.ready;
  return follower;
}

async function titlesFound(service: KeywordService, siteId: string, query: string): Promise<string[]> {
  const { interactions } = await openSiteDatabase(siteId);
  const hits = await service.search({ siteIds: [siteId], query, limit: 20 });
  const found = await interactions.findByIds(hits.map((hit) => hit.id)).exec();
  return hits.map((hit) => found.get(hit.id)!.title);
}

function create(siteId: string, overrides: Parameters<typeof validFields>[0]) {
  return createInteraction({ siteId, userId: USER_ID, fields: validFields(overrides) });
}

describe('keyword index following a site database', () => {
  it('finds a record once it is inserted, by a word, a prefix and a typo', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    await create(siteId, { title: 'Boiler repair at the community hall' });
    await follow(siteId, service);
    await create(siteId, { title: 'Solar panels for the depot roof', description: 'Quotes from three installers.' });

    await expect.poll(() => titlesFound(service, siteId, 'installers')).toEqual(['Solar panels for the depot roof']);
    expect(await titlesFound(service, siteId, 'boil')).toEqual(['Boiler repair at the community hall']);
    expect(await titlesFound(service, siteId, 'instalers')).toEqual(['Solar panels for the depot roof']);
  });

  it('ranks a title match above a match in the notes', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    await create(siteId, { title: 'Weekly planning', notes: 'Ask about the minibus lease.' });
    await create(siteId, { title: 'Minibus lease renewal', notes: null });
    await follow(siteId, service);
    expect(await titlesFound(service, siteId, 'minibus')).toEqual(['Minibus lease renewal', 'Weekly planning']);
  });

  it('finds an edited record by its new words and no longer by its old ones', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    const created = await create(siteId, { title: 'Fire drill', description: 'Evacuation took four minutes.' });
    await follow(siteId, service);
    await updateInteraction({ siteId, id: created.id, patch: { description: 'Alarm panel replaced by the electrician.' } });

    await expect.poll(() => titlesFound(service, siteId, 'electrician')).toEqual(['Fire drill']);
    expect(await titlesFound(service, siteId, 'evacuation')).toEqual([]);
  });

  it('drops a deleted record from the results', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    const kept = await create(siteId, { title: 'Grant application: lottery fund' });
    const removed = await create(siteId, { title: 'Grant application: city council' });
    await follow(siteId, service);
    expect(await titlesFound(service, siteId, 'grant')).toHaveLength(2);
    await deleteInteraction({ siteId, id: removed.id });

    await expect.poll(() => titlesFound(service, siteId, 'grant')).toEqual([kept.title]);
  });

  it('applies the Finder filters before cutting the hits', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    await create(siteId, { title: 'Audit kick-off', type: 'Meeting' });
    await create(siteId, { title: 'Audit questions', type: 'Call' });
    await follow(siteId, service);
    const hits = await service.search({ siteIds: [siteId], query: 'audit', filters: { type: 'Call' }, limit: 10 });
    expect(hits).toHaveLength(1);
    expect(await titlesFound(service, siteId, 'audit')).toHaveLength(2);
  });

  it('takes in a burst of writes once it pauses, and at once when a search flushes it', async () => {
    const siteId = newSiteId();
    const service = new KeywordService({ indexedDB });
    const follower = await follow(siteId, service);
    // Writes in quick succession, as a sync's batches land: none is indexed while they keep coming.
    await Promise.all(['Heat pump survey', 'Heat pump quote', 'Heat pump install'].map((title) => create(siteId, { title })));
    expect(await titlesFound(service, siteId, 'pump')).toEqual([]);
    await follower.flush();
    expect((await titlesFound(service, siteId, 'pump')).sort()).toEqual(['Heat pump install', 'Heat pump quote', 'Heat pump survey']);

    // Left alone, a burst is taken in once it has paused.
    await create(siteId, { title: 'Boiler service' });
    expect(await titlesFound(service, siteId, 'boiler')).toEqual([]);
    await expect.poll(() => titlesFound(service, siteId, 'boiler')).toEqual(['Boiler service']);
  });

  it('merges hits across sites', async () => {
    const [first, second] = [newSiteId(), newSiteId()];
    const service = new KeywordService({ indexedDB });
    await create(first, { title: 'Volunteer induction evening' });
    await create(second, { title: 'Volunteer induction pack' });
    await Promise.all([follow(first, service), follow(second, service)]);
    const hits = await service.search({ siteIds: [first, second], query: 'induction', limit: 10 });
    expect(hits.map((hit) => hit.siteId).sort()).toEqual([first, second].map((id) => id.toLowerCase()).sort());
  });
});

describe('keyword index persistence', () => {
  it('loads the saved index on reload and applies only what changed since its checkpoint', async () => {
    const siteId = newSiteId();
    const first = new KeywordService({ indexedDB, saveDelayMs: 60_000 });
    await create(siteId, { title: 'Press enquiry from the evening paper' });
    const follower = await follow(siteId, first);
    await first.flush();
    follower.stop();
    const saved = (await loadStoredIndex(indexedDB, siteId)) as StoredKeywordIndex;
    expect(saved.documentCount).toBe(1);

    // Written while no index was following (another tab, or replication before the page loaded).
    await create(siteId, { title: 'Press release about the summer programme' });
    const reloaded = new KeywordService({ indexedDB });
    const state = await reloaded.open(siteId);
    expect(state.origin).toBe('loaded');
    expect(state.documentCount).toBe(1);
    await follow(siteId, reloaded);
    expect((await titlesFound(reloaded, siteId, 'press')).sort()).toEqual([
      'Press enquiry from the evening paper',
      'Press release about the summer programme'
    ]);
  });

  it('rebuilds by itself when the saved index is damaged', async () => {
    const siteId = newSiteId();
    await create(siteId, { title: 'Insurance claim for the flooded basement' });
    const index = KeywordIndex.empty();
    index.put({
      id: 'x',
      siteId,
      title: 'Insurance claim',
      type: 'Call',
      lead: 'Ada Lovelace',
      location: null,
      description: 'Flooded basement.',
      notes: null,
      startDatetime: '2026-03-01T09:30:00.000Z'
    });
    const whole = index.snapshot();
    // Cut short, as an interrupted write could leave it.
    const cut = whole.postingIds.length - 1;
    const damaged = { ...whole, postingIds: whole.postingIds.subarray(0, cut), postingCounts: whole.postingCounts.subarray(0, cut) };
    const saved: StoredKeywordIndex = { version: KEYWORD_INDEX_VERSION, checkpoint: { id: 'x', lwt: 1 }, documentCount: 1, index: damaged };
    await saveStoredIndex(indexedDB, siteId, saved);

    const service = new KeywordService({ indexedDB });
    const state = await service.open(siteId);
    expect(state.origin).toBe('discarded');
    expect(state.discardedBecause).toMatch(/damaged/);
    await follow(siteId, service);
    expect(await titlesFound(service, siteId, 'flooded')).toEqual(['Insurance claim for the flooded basement']);
  });

  it('rebuilds by itself when the saved index was made under another version', async () => {
    const siteId = newSiteId();
    await create(siteId, { title: 'Lease negotiation with the landlord' });
    await saveStoredIndex(indexedDB, siteId, { version: 0, checkpoint: null, documentCount: 0, index: KeywordIndex.empty().snapshot() });
    const service = new KeywordService({ indexedDB });
    expect((await service.open(siteId)).discardedBecause).toMatch(/version 0/);
    await follow(siteId, service);
    expect(await titlesFound(service, siteId, 'landlord')).toEqual(['Lease negotiation with the landlord']);
  });

  it('rebuilds a stale index whose checkpoint does not match the database', async () => {
    const siteId = newSiteId();
    const created = await create(siteId, { title: 'Phishing email reported by reception' });
    const first = new KeywordService({ indexedDB });
    await follow(siteId, first);
    await first.flush();
    const saved = (await loadStoredIndex(indexedDB, siteId)) as StoredKeywordIndex;
    followers.splice(0).forEach((follower) => follower.stop());
    // A checkpoint past every change: the delete below would never reach the index by itself.
    await saveStoredIndex(indexedDB, siteId, { ...saved, checkpoint: { id: 'zzzz', lwt: Number.MAX_SAFE_INTEGER } });
    await deleteInteraction({ siteId, id: created.id });

    const reloaded = new KeywordService({ indexedDB });
    await follow(siteId, reloaded);
    expect(await titlesFound(reloaded, siteId, 'phishing')).toEqual([]);
  });

  it('removes a purged site’s saved index', async () => {
    const siteId = newSiteId();
    await create(siteId, { title: 'Safeguarding referral' });
    const service = new KeywordService({ indexedDB });
    await follow(siteId, service);
    await service.flush();
    expect(await loadStoredIndex(indexedDB, siteId)).not.toBeNull();
    await service.remove(siteId);
    expect(await loadStoredIndex(indexedDB, siteId)).toBeNull();
  });
});
