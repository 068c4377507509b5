import { USER_ID, newSiteId } from './local-databases';
import { IDBCursor } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSiteDatabase, type InteractionDocument } from '$lib/db';
import { createInteraction } from '$lib/db/interaction-writes';
import { readsInIndexOrder } from '$lib/db/descending-index-reads';
import type { MangoQuery } from 'rxdb';
import { validFields } from '../../support/valid-fields';

const TITLES = ['Ann', 'Anna', 'Budget – draft', 'budget', 'Zoë visit', '🎉 Launch'];

async function seededSite(count: number): Promise<string> {
  const siteId = newSiteId();
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2026, 0, 1 + (i % 11), 9 + (i % 3)));
    await createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({
        title: TITLES[i % TITLES.length],
        type: i % 2 ? 'Call' : 'Meeting',
        startDatetime: start.toISOString(),
        endDatetime: new Date(start.getTime() + 3_600_000).toISOString(),
        description: i % 4 === 0 ? `The budget, item ${i}` : `Item ${i}`
      })
    });
  }
  return siteId;
}

/** Every row, sorted in JavaScript: what any query must return, however it reads. */
async function expected(siteId: string, keep: (row: InteractionDocument) => boolean, paths: string[]) {
  const { interactions } = await openSiteDatabase(siteId);
  const rows = (await interactions.find().exec()).map((document) => document.toJSON() as InteractionDocument);
  const key = (row: InteractionDocument) => [...paths.map((path) => row[path as keyof InteractionDocument] as string), row.id];
  return rows
    .filter(keep)
    .sort((a, b) => {
      const [left, right] = [key(a), key(b)];
      for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return left[i] < right[i] ? 1 : -1;
      return 0;
    })
    .map((row) => row.id);
}

async function ids(siteId: string, query: MangoQuery<InteractionDocument>): Promise<string[]> {
  const { interactions } = await openSiteDatabase(siteId);
  return (await interactions.find(query).exec()).map((document) => document.id);
}

const byStartDescending: MangoQuery<InteractionDocument>['sort'] = [{ startDatetime: 'desc' }, { id: 'desc' }];
const START_INDEX = ['isDeleted', 'startDatetime'];

describe('descending queries on an ascending index', () => {
  afterEach(() => vi.restoreAllMocks());

  it('read the index backwards and stop after the page', async () => {
    const siteId = await seededSite(60);
    const { interactions } = await openSiteDatabase(siteId);
    const query = { selector: { isDeleted: false }, sort: byStartDescending, index: START_INDEX, limit: 5 };
    expect(readsInIndexOrder(interactions.schema.jsonSchema, interactions.find(query).getPreparedQuery())).toBe(true);

    const steps = vi.spyOn(IDBCursor.prototype, 'continue');
    const page = await ids(siteId, query);
    // RxDB alone reads all 60 rows to sort them; walking backwards reads the page and no more.
    expect(steps.mock.calls.length).toBeLessThan(5);
    expect(page).toEqual((await expected(siteId, () => true, ['startDatetime'])).slice(0, 5));
  });

  it('skip, bound by a range and match selectors the index cannot answer, as RxDB does', async () => {
    const siteId = await seededSite(40);
    const from = '2026-01-03T00:00:00.000Z';
    const to = '2026-01-09T00:00:00.000Z';
    const inRange = (row: InteractionDocument) => row.startDatetime >= from && row.startDatetime < to;
    const all = await expected(siteId, inRange, ['startDatetime']);
    expect(all.length).toBeGreaterThan(12);
    const range = { isDeleted: false, startDatetime: { $gte: from, $lt: to } };
    expect(await ids(siteId, { selector: range, sort: byStartDescending, index: START_INDEX, skip: 4, limit: 6 })).toEqual(
      all.slice(4, 10)
    );

    const budget = (row: InteractionDocument) => inRange(row) && /budget/i.test(row.description);
    const selector = { ...range, description: { $regex: 'budget', $options: 'i' } };
    expect(await ids(siteId, { selector, sort: byStartDescending, index: START_INDEX })).toEqual(
      await expected(siteId, budget, ['startDatetime'])
    );
  });

  it('walk a compound index backwards, with its leading field fixed', async () => {
    const siteId = await seededSite(30);
    const query: MangoQuery<InteractionDocument> = {
      selector: { isDeleted: false, type: 'Call' },
      sort: [{ type: 'desc' }, { startDatetime: 'desc' }, { id: 'desc' }],
      index: ['isDeleted', 'type', 'startDatetime']
    };
    expect(await ids(siteId, query)).toEqual(await expected(siteId, (row) => row.type === 'Call', ['type', 'startDatetime']));
  });

  it('return nothing for a range whose bounds are the wrong way round', async () => {
    const siteId = await seededSite(5);
    const selector = { isDeleted: false, startDatetime: { $gte: '2026-02-01T00:00:00.000Z', $lt: '2026-01-01T00:00:00.000Z' } };
    expect(await ids(siteId, { selector, sort: byStartDescending, index: START_INDEX })).toEqual([]);
  });

  it('leave mixed directions to RxDB, which sorts them itself', async () => {
    const siteId = await seededSite(20);
    const { interactions } = await openSiteDatabase(siteId);
    const query: MangoQuery<InteractionDocument> = {
      selector: { isDeleted: false },
      sort: [{ startDatetime: 'desc' }, { id: 'asc' }],
      index: START_INDEX
    };
    expect(readsInIndexOrder(interactions.schema.jsonSchema, interactions.find(query).getPreparedQuery())).toBe(false);
    const rows = (await interactions.find(query).exec()).map((document) => document.toJSON() as InteractionDocument);
    for (let i = 1; i < rows.length; i++) {
      const [previous, row] = [rows[i - 1], rows[i]];
      expect(previous.startDatetime > row.startDatetime || (previous.startDatetime === row.startDatetime && previous.id < row.id)).toBe(true);
    }
  });
});
