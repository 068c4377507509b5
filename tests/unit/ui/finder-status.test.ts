import { describe, expect, it } from 'vitest';
import type { SiteSyncStatus } from '$lib/sync/sync-status';
import { datesReversed, finderCountText, finderEmptyReason, formatFilterDay, type FinderStatusInput } from '$lib/ui/finder-status';
import { receivingFirstSync } from '$lib/ui/sync-display';

const plain: FinderStatusInput = { total: 12, search: null, filtered: false, datesReversed: false, receiving: false };
const search = (mode: 'hybrid' | 'keyword' | 'semantic', orderedByColumn = false) => ({ text: 'boiler', mode, orderedByColumn });

describe('finderCountText', () => {
  it('says "best match first" only for Best match ranked by relevance', () => {
    expect(finderCountText({ ...plain, filtered: true, search: search('hybrid') })).toBe('12 results for “boiler”, best match first');
    expect(finderCountText({ ...plain, filtered: true, search: search('keyword') })).toBe('12 results for “boiler”, most matching words first');
    expect(finderCountText({ ...plain, filtered: true, search: search('semantic') })).toBe('12 results for “boiler”, closest in meaning first');
    expect(finderCountText({ ...plain, filtered: true, search: search('hybrid', true) })).toBe('12 results for “boiler”');
  });

  it('says why nothing matches when From is after To', () => {
    const reversed = { ...plain, total: 0, filtered: true, datesReversed: true };
    expect(finderCountText(reversed)).toBe('No matches: the From date is after the To date');
    expect(finderEmptyReason(reversed)).toBe('dates-reversed');
    expect(finderEmptyReason({ ...reversed, datesReversed: false })).toBe('no-matches');
  });

  it('never says "0 interactions" or "none yet" while a first sync brings records', () => {
    const arriving = { ...plain, total: 0, receiving: true };
    expect(finderCountText(arriving)).toBe('Receiving interactions…');
    expect(finderEmptyReason(arriving)).toBe('receiving');
    // Once records have arrived, their count is what shows that they are arriving.
    expect(finderCountText({ ...arriving, total: 1_204 })).toBe('1,204 interactions');
    expect(finderEmptyReason({ ...arriving, receiving: false })).toBe('none-yet');
  });

  it('says "about" a last count shown while the list is counted again, and only counting when it has none', () => {
    expect(finderCountText({ ...plain, total: 10_000, estimate: 'previous' })).toBe('About 10,000 interactions');
    expect(finderCountText({ ...plain, total: 4_120, filtered: true, estimate: 'previous' })).toBe('About 4,120 interactions match');
    expect(finderCountText({ ...plain, total: 150, estimate: 'partial' })).toBe('Counting interactions…');
    expect(finderCountText({ ...plain, total: 150, estimate: null })).toBe('150 interactions');
  });

  it('counts filtered rows as matches and waits for the first answer', () => {
    expect(finderCountText({ ...plain, filtered: true, total: 1 })).toBe('1 interaction matches');
    expect(finderCountText({ ...plain, total: null })).toBe('Loading interactions…');
    expect(finderCountText({ ...plain, total: null, search: search('hybrid') })).toBe('Searching…');
  });
});

describe('datesReversed', () => {
  it('holds only when both days are set and From comes after To', () => {
    expect(datesReversed({ from: '2021-03-12', to: '2021-03-01' })).toBe(true);
    expect(datesReversed({ from: '2021-03-01', to: '2021-03-01' })).toBe(false);
    expect(datesReversed({ from: '2021-03-12', to: '' })).toBe(false);
  });

  it('names the days as a person reads them', () => {
    expect(formatFilterDay('2021-03-12', 'en-GB')).toBe('12 Mar 2021');
  });
});

describe('receivingFirstSync', () => {
  const status = (change: Partial<SiteSyncStatus>): SiteSyncStatus => ({
    siteId: 'leeds',
    phase: 'syncing',
    lastSyncedAt: null,
    error: null,
    progress: null,
    refused: [],
    ...change
  });

  it('holds until the site has finished a sync, and while a large catch-up runs', () => {
    expect(receivingFirstSync([], ['leeds'])).toBe(true);
    expect(receivingFirstSync([status({})], ['leeds'])).toBe(true);
    expect(receivingFirstSync([status({ phase: 'synced', lastSyncedAt: '2026-12-07T10:00:00Z' })], ['leeds'])).toBe(false);
    expect(
      receivingFirstSync([status({ lastSyncedAt: '2026-12-07T10:00:00Z', progress: { received: 10, total: 40 } })], ['leeds'])
    ).toBe(true);
  });

  it('leaves out a follower tab and an offline device, which are not receiving anything', () => {
    expect(receivingFirstSync([status({ phase: 'standby' })], ['leeds'])).toBe(false);
    expect(receivingFirstSync([status({ phase: 'offline' })], ['leeds'])).toBe(false);
  });
});
