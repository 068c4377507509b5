import { USER_ID, newSiteId } from './local-databases';
import { firstValueFrom } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FINDER_SORT_FIELDS, observeCount, observeFirstRows, observeQuery, openSiteDatabase, queryInteractions, type FinderSort, type LocalInteraction } from '$lib/db';
import { createInteraction, deleteInteraction } from '$lib/db/interaction-writes';
import { readsInIndexOrder } from '$lib/db/descending-index-reads';
import { planFinderQuery, type FinderFilters } from '$lib/db/finder-plan';
import { validFields } from '../../support/valid-fields';

const TITLES = ['Ann', 'Anna', 'annual plan', 'Budget – draft', 'budget', 'Zoë visit', '🎉 Launch', 'Review (Q1)'];
const TYPES = ['Meeting', 'Call', 'Site visit'];
const LEADS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
const LOCATIONS = ['Room 4', null, 'Lab', 'annex'];

/** The documented order, computed independently: these values in turn, then the id. */
const SORT_VALUES: Record<FinderSort['field'], (row: LocalInteraction) => string[]> = {
  startDatetime: (row) => [row.startDatetime],
  title: (row) => [row.title],
  type: (row) => [row.type, row.startDatetime],
  lead: (row) => [row.lead, row.startDatetime],
  location: (row) => [row.location ?? '']
};

function expectedOrder(rows: LocalInteraction[], sort: FinderSort): string[] {
  const key = (row: LocalInteraction) => [...SORT_VALUES[sort.field](row), row.id];
  const sorted = rows
    .filter((row) => !row.deleted)
    .sort((a, b) => {
      const [left, right] = [key(a), key(b)];
      for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
      return 0;
    });
  return (sort.descending ? sorted.reverse() : sorted).map((row) => row.id);
}

/** Rows with repeated values in every sort column, ties on start, and some tombstones. */
async function seedSite(siteId: string, count: number, dayOffset: number): Promise<LocalInteraction[]> {
  const rows: LocalInteraction[] = [];
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2026, 0, 1 + dayOffset + (i % 17), 9 + (i % 3)));
    const created = await createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({
        title: TITLES[i % TITLES.length],
        type: TYPES[i % TYPES.length],
        lead: LEADS[(i * 7) % LEADS.length],
        location: LOCATIONS[i % LOCATIONS.length],
        // Offsets differ so that only the UTC normalisation makes string order time order.
        startDatetime: start.toISOString().replace('Z', '+00:00'),
        endDatetime: new Date(start.getTime() + 3_600_000).toISOString(),
        description: i % 5 === 0 ? `Talked about the BUDGET item ${i}` : `Item ${i}`
      })
    });
    rows.push(i % 9 === 4 ? await deleteInteraction({ siteId, id: created.id }) : created);
  }
  return rows;
}

const ALL_SORTS: FinderSort[] = FINDER_SORT_FIELDS.flatMap((field) => [
  { field, descending: false },
  { field, descending: true }
]);

describe('queryInteractions', () => {
  const siteA = newSiteId();
  const siteB = newSiteId();
  let rowsA: LocalInteraction[];
  let rowsB: LocalInteraction[];

  beforeAll(async () => {
    rowsA = await seedSite(siteA, 45, 0);
    rowsB = await seedSite(siteB, 30, 5);
  }, 30_000);

  it.each(ALL_SORTS)('sorts by $field (descending: $descending) and leaves out deleted rows', async (sort) => {
    const page = await queryInteractions({ siteIds: [siteA], sort, limit: 100 });

    expect(page.rows.map((row) => row.id)).toEqual(expectedOrder(rowsA, sort));
    expect(page.total).toBe(rowsA.filter((row) => !row.deleted).length);
    expect(page.rows.some((row) => row.deleted)).toBe(false);
  });

  it('sorts by start, newest first, when no sort is given', async () => {
    const page = await queryInteractions({ siteIds: [siteA], limit: 5 });
    expect(page.rows.map((row) => row.id)).toEqual(
      expectedOrder(rowsA, { field: 'startDatetime', descending: true }).slice(0, 5)
    );
  });

  it.each([
    ['one site', () => [siteA], () => rowsA],
    ['two sites', () => [siteA, siteB], () => [...rowsA, ...rowsB]]
  ])('pages through the same order without gaps or repeats (%s)', async (_, siteIds, rows) => {
    // Later pages are read backwards from the far end; the order must not show it.
    for (const sort of [{ field: 'title', descending: true }, { field: 'type', descending: false }] as FinderSort[]) {
      const seen: string[] = [];
      for (let offset = 0; ; offset += 7) {
        const page = await queryInteractions({ siteIds: siteIds(), sort, offset, limit: 7 });
        if (page.rows.length === 0) break;
        seen.push(...page.rows.map((row) => row.id));
      }
      expect(seen).toEqual(expectedOrder(rows(), sort));
    }
  });

  it('returns the last rows, and nothing past the end', async () => {
    const everything = expectedOrder(rowsA, { field: 'startDatetime', descending: true });
    const last = await queryInteractions({ siteIds: [siteA], offset: everything.length - 3, limit: 10 });
    expect(last.rows.map((row) => row.id)).toEqual(everything.slice(-3));
    const past = await queryInteractions({ siteIds: [siteA], offset: everything.length, limit: 10 });
    expect(past).toEqual({ rows: [], total: everything.length });
  });

  it('filters by type, lead and start range, counting only the matches', async () => {
    const from = '2026-01-05T09:00:00+00:00';
    const to = '2026-01-10T10:00:00.000Z';
    const filters: FinderFilters = { type: 'Call', lead: 'Grace Hopper', from, to };
    const matches = rowsA.filter(
      (row) =>
        row.type === 'Call' &&
        row.lead === 'Grace Hopper' &&
        row.startDatetime >= '2026-01-05T09:00:00.000Z' &&
        row.startDatetime < to
    );
    expect(matches.length).toBeGreaterThan(1);

    for (const sort of ALL_SORTS) {
      const page = await queryInteractions({ siteIds: [siteA], filters, sort, limit: 100 });
      expect(page.rows.map((row) => row.id)).toEqual(expectedOrder(matches, sort));
      expect(page.total).toBe(matches.filter((row) => !row.deleted).length);
    }
  });

  it('filters by any part of the lead, ignoring case, keeping every sort (several leads can match)', async () => {
    // "a" in lower case is in "Ada Lovelace", "Grace Hopper" and "Alan Turing"; "ING" only in Turing;
    // "ace" in Lovelace and Grace.
    for (const [typed, leads] of [
      ['ING', ['Alan Turing']],
      ['ace', ['Ada Lovelace', 'Grace Hopper']],
      [' grace hopper ', ['Grace Hopper']],
      ['.*', []]
    ] as const) {
      const matches = rowsA.filter((row) => (leads as readonly string[]).includes(row.lead));
      for (const sort of ALL_SORTS) {
        const page = await queryInteractions({ siteIds: [siteA], filters: { lead: typed }, sort, limit: 100 });
        expect(page.rows.map((row) => row.id), `${typed} ${JSON.stringify(sort)}`).toEqual(expectedOrder(matches, sort));
        expect(page.total).toBe(matches.filter((row) => !row.deleted).length);
      }
    }
  });

  it('includes a start equal to `from` and excludes one equal to `to`', async () => {
    const starts = [...new Set(rowsA.filter((row) => !row.deleted).map((row) => row.startDatetime))].sort();
    const [from, to] = [starts[2], starts[6]];
    for (const descending of [false, true]) {
      const page = await queryInteractions({
        siteIds: [siteA],
        filters: { from, to },
        sort: { field: 'startDatetime', descending },
        limit: 100
      });
      const pageStarts = new Set(page.rows.map((row) => row.startDatetime));
      expect([...pageStarts].sort()).toEqual(starts.slice(2, 6));
      expect(page.total).toBe(page.rows.length);
    }
  });

  it('finds text in title, lead, location or description, ignoring case, with no pattern syntax', async () => {
    const contains = (text: string) => (row: LocalInteraction) =>
      [row.title, row.lead, row.location ?? '', row.description].some((value) =>
        value.toLowerCase().includes(text.toLowerCase())
      );
    for (const text of ['budget', 'ANNEX', 'turing', '(q1)', '🎉']) {
      const page = await queryInteractions({ siteIds: [siteA], filters: { text }, limit: 100 });
      const expected = rowsA.filter(contains(text));
      expect(expected.length, text).toBeGreaterThan(0);
      expect(page.rows.map((row) => row.id)).toEqual(
        expectedOrder(expected, { field: 'startDatetime', descending: true })
      );
      expect(page.total).toBe(page.rows.length);
    }
  });

  it('orders a sort by a field filtered to one value by start', async () => {
    const page = await queryInteractions({
      siteIds: [siteA],
      filters: { type: 'Meeting' },
      sort: { field: 'type', descending: true },
      limit: 100
    });
    const meetings = rowsA.filter((row) => row.type === 'Meeting');
    expect(page.rows.map((row) => row.id)).toEqual(expectedOrder(meetings, { field: 'startDatetime', descending: true }));
  });

  it.each(ALL_SORTS)(
    'merges several sites into one order and windows it (by $field, descending: $descending)',
    async (sort) => {
      const everything = expectedOrder([...rowsA, ...rowsB], sort);
      for (const offset of [9, everything.length - 15]) {
        const page = await queryInteractions({ siteIds: [siteA, siteB], sort, offset, limit: 20 });

        expect(page.rows.map((row) => row.id)).toEqual(everything.slice(offset, offset + 20));
        expect(page.total).toBe(everything.length);
      }
    }
  );

  it('returns nothing for no sites, and each site once when named twice', async () => {
    expect(await queryInteractions({ siteIds: [], limit: 10 })).toEqual({ rows: [], total: 0 });
    const twice = await queryInteractions({ siteIds: [siteB, siteB], limit: 100 });
    expect(twice.total).toBe(rowsB.filter((row) => !row.deleted).length);
  });

  it('refuses a sort field, instant or window it cannot use', async () => {
    const bad = [
      { sort: { field: 'notes' as never, descending: false } },
      { filters: { from: 'yesterday' } },
      { offset: -1 },
      { limit: 2.5 }
    ];
    for (const query of bad) {
      await expect(queryInteractions({ siteIds: [siteA], limit: 10, ...query })).rejects.toThrow();
    }
  });
});

describe('Finder query plans', () => {
  const FILTER_CASES: FinderFilters[] = [
    {},
    { type: 'Call' },
    { lead: 'Ada Lovelace' },
    { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
    { type: 'Call', from: '2026-01-01T00:00:00Z' },
    { text: 'budget' }
  ];

  it('reads every sort in index order, so a page never loads and sorts all rows', async () => {
    const { interactions } = await openSiteDatabase(newSiteId());
    for (const sort of ALL_SORTS) {
      for (const filters of FILTER_CASES) {
        const prepared = interactions.find(planFinderQuery(filters, sort).page).getPreparedQuery();
        expect(readsInIndexOrder(interactions.schema.jsonSchema, prepared), JSON.stringify({ sort, filters })).toBe(true);
      }
    }
  });

  it('counts the common filters from an index alone', async () => {
    const { interactions } = await openSiteDatabase(newSiteId());
    // Text and part of a lead are matched row by row: no index holds parts of words.
    for (const filters of FILTER_CASES.filter((filters) => !filters.text && !filters.lead)) {
      const { queryPlan } = interactions.count(planFinderQuery(filters).count).getPreparedQuery();
      expect(queryPlan.selectorSatisfiedByIndex, JSON.stringify(filters)).toBe(true);
    }
  });

  it('bounds the newest-first page of a start range by the index', async () => {
    const { interactions } = await openSiteDatabase(newSiteId());
    const plan = planFinderQuery({ type: 'Call', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    const { queryPlan } = interactions.find(plan.page).getPreparedQuery();
    expect(queryPlan.selectorSatisfiedByIndex).toBe(true);
  });
});

describe('observeQuery', () => {
  it('emits again when a matching row is created, and when one is deleted', async () => {
    const siteId = newSiteId();
    await createInteraction({ siteId, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    const totals: number[] = [];
    const subscription = observeQuery({ siteIds: [siteId], filters: { type: 'Call' }, limit: 10 }).subscribe(
      (page) => totals.push(page.total)
    );
    await expect.poll(() => totals.at(-1)).toBe(1);

    const added = await createInteraction({ siteId, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    await expect.poll(() => totals.at(-1)).toBe(2);
    await deleteInteraction({ siteId, id: added.id });
    await expect.poll(() => totals.at(-1)).toBe(1);
    subscription.unsubscribe();
  });

  it('emits the merged page of several sites', async () => {
    const [first, second] = [newSiteId(), newSiteId()];
    const pages: string[][] = [];
    const subscription = observeQuery({
      siteIds: [first, second],
      sort: { field: 'title', descending: false },
      limit: 10
    }).subscribe((page) => pages.push(page.rows.map((row) => row.title)));

    await createInteraction({ siteId: second, userId: USER_ID, fields: validFields({ title: 'B' }) });
    await expect.poll(() => pages.at(-1)).toEqual(['B']);
    await createInteraction({ siteId: first, userId: USER_ID, fields: validFields({ title: 'A' }) });
    await expect.poll(() => pages.at(-1)).toEqual(['A', 'B']);
    subscription.unsubscribe();
  });
});

describe('observeFirstRows and observeCount', () => {
  it('keep the first rows and the count up to date apart, as rows are created and deleted', async () => {
    const siteId = newSiteId();
    const early = await createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({ title: 'Early', startDatetime: '2026-01-01T09:00:00Z', endDatetime: '2026-01-01T10:00:00Z' })
    });
    const titles: string[][] = [];
    const counts: number[] = [];
    const rows = observeFirstRows({ siteIds: [siteId], limit: 2 }).subscribe((page) => titles.push(page.map((row) => row.title)));
    const count = observeCount({ siteIds: [siteId] }).subscribe((total) => counts.push(total));
    await expect.poll(() => titles.at(-1)).toEqual(['Early']);
    await expect.poll(() => counts.at(-1)).toBe(1);

    const late = await createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({ title: 'Late', startDatetime: '2026-03-01T09:00:00Z', endDatetime: '2026-03-01T10:00:00Z' })
    });
    await createInteraction({
      siteId,
      userId: USER_ID,
      fields: validFields({ title: 'Middle', startDatetime: '2026-02-01T09:00:00Z', endDatetime: '2026-02-01T10:00:00Z' })
    });
    await expect.poll(() => titles.at(-1)).toEqual(['Late', 'Middle']);
    await expect.poll(() => counts.at(-1)).toBe(3);

    await deleteInteraction({ siteId, id: late.id });
    await expect.poll(() => titles.at(-1)).toEqual(['Middle', 'Early']);
    await expect.poll(() => counts.at(-1)).toBe(2);
    expect(early.title).toBe('Early');
    rows.unsubscribe();
    count.unsubscribe();
  });

  it('count only the rows the filters keep, in every site named', async () => {
    const [first, second] = [newSiteId(), newSiteId()];
    await createInteraction({ siteId: first, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    await createInteraction({ siteId: second, userId: USER_ID, fields: validFields({ type: 'Call' }) });
    await createInteraction({ siteId: second, userId: USER_ID, fields: validFields({ type: 'Meeting' }) });
    const calls = observeCount({ siteIds: [first, second], filters: { type: 'Call' } });
    let total: number | undefined;
    const subscription = calls.subscribe((value) => (total = value));
    await expect.poll(() => total).toBe(2);
    subscription.unsubscribe();
    expect(await firstValueFrom(observeCount({ siteIds: [] }))).toBe(0);
  });
});
