import { USER_ID, newSiteId } from '../db/local-databases';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LocalInteraction } from '$lib/db';
import { createInteraction, deleteInteraction } from '$lib/db/interaction-writes';
import { firstValueFrom } from 'rxjs';
import {
  fetchFinderWindow,
  finderCountKey,
  finderQueryKey,
  findInteraction,
  locateRow,
  observeFinderCount,
  observeFinderRows,
  sliceAcrossSites,
  type FinderWindowQuery
} from '$lib/ui/finder-source';
import { validFields } from '../../support/valid-fields';

describe('sliceAcrossSites', () => {
  it('maps a window over sites laid end to end onto each site', () => {
    expect(sliceAcrossSites([3, 0, 5], { offset: 2, limit: 4 })).toEqual([
      { site: 0, window: { offset: 2, limit: 1 } },
      { site: 2, window: { offset: 0, limit: 3 } }
    ]);
    expect(sliceAcrossSites([3, 5], { offset: 10, limit: 4 })).toEqual([]);
  });
});

async function seed(siteId: string, count: number): Promise<LocalInteraction[]> {
  const rows: LocalInteraction[] = [];
  for (let i = 0; i < count; i++) {
    // Every third row shares its start with the one before, so ties need the id to order them.
    const hour = i - (i % 3 === 2 ? 1 : 0);
    const start = new Date(Date.UTC(2026, 2, 1, hour)).toISOString();
    rows.push(
      await createInteraction({
        siteId,
        userId: USER_ID,
        fields: validFields({
          title: `Row ${String(i).padStart(2, '0')}`,
          startDatetime: start,
          endDatetime: new Date(Date.parse(start) + 1_800_000).toISOString()
        })
      })
    );
  }
  return rows;
}

describe('finder source over the local database', () => {
  const alpha = { id: newSiteId(), name: 'Alpha' };
  const beta = { id: newSiteId(), name: 'Beta' };
  let alphaRows: LocalInteraction[];
  let betaRows: LocalInteraction[];

  beforeAll(async () => {
    alphaRows = await seed(alpha.id, 7);
    betaRows = await seed(beta.id, 5);
    await deleteInteraction({ siteId: beta.id, id: betaRows[4].id });
    betaRows = betaRows.slice(0, 4);
  }, 30_000);

  const query = (sort: FinderWindowQuery['sort']): FinderWindowQuery => ({ sites: [beta, alpha], filters: {}, sort });

  it('lists sites one after another by name when sorted by site, each newest first', async () => {
    const newestFirst = (rows: LocalInteraction[]) =>
      [...rows].sort((a, b) => b.startDatetime.localeCompare(a.startDatetime) || (a.id < b.id ? 1 : -1));
    const ascending = await fetchFinderWindow(query({ column: 'site', descending: false }), { offset: 0, limit: 50 });
    expect(ascending.total).toBe(11);
    expect(ascending.rows.map((row) => row.id)).toEqual(
      [...newestFirst(alphaRows), ...newestFirst(betaRows)].map((row) => row.id)
    );
    const window = await fetchFinderWindow(query({ column: 'site', descending: true }), { offset: 2, limit: 4 });
    expect(window.rows.map((row) => row.siteId)).toEqual([beta.id, beta.id, alpha.id, alpha.id]);
    expect(window.total).toBe(11);
  });

  it('reads the first window without a count, the same rows in the same order, and counts apart', async () => {
    for (const sort of [
      { column: 'start', descending: true },
      { column: 'title', descending: false },
      { column: 'site', descending: false }
    ] as const) {
      const counted = await fetchFinderWindow(query(sort), { offset: 0, limit: 5 });
      const first = await firstValueFrom(observeFinderRows(query(sort), { offset: 0, limit: 5 }));
      expect(first.rows.map((row) => row.id), `${sort.column}`).toEqual(counted.rows.map((row) => row.id));
      // Sorted by site over several sites, the sites' counts place the window, so it brings them.
      expect(first.total).toBe(sort.column === 'site' ? 11 : null);
      expect(await firstValueFrom(observeFinderCount(query(sort)))).toBe(counted.total);
    }
    const later = await firstValueFrom(observeFinderRows(query({ column: 'start', descending: true }), { offset: 8, limit: 5 }));
    expect(later.total).toBe(11);
    expect(later.rows).toHaveLength(3);
  });

  it('keys the count by sites and filters only, so a new order keeps its count', () => {
    const byStart = query({ column: 'start', descending: true });
    const byTitle = query({ column: 'title', descending: false });
    expect(finderCountKey(byStart)).toBe(finderCountKey(byTitle));
    expect(finderQueryKey(byStart)).not.toBe(finderQueryKey(byTitle));
    expect(finderCountKey({ ...byStart, filters: { type: 'Call' } })).not.toBe(finderCountKey(byStart));
    expect(finderCountKey({ ...byStart, sites: [alpha] })).not.toBe(finderCountKey(byStart));
  });

  it('locates a row in every sort, ties included, as the list orders it', async () => {
    for (const sort of [
      { column: 'start', descending: true },
      { column: 'start', descending: false },
      { column: 'title', descending: true },
      { column: 'site', descending: false },
      { column: 'site', descending: true }
    ] as const) {
      const all = await fetchFinderWindow(query(sort), { offset: 0, limit: 50 });
      for (const [index, row] of all.rows.entries()) {
        expect(await locateRow(query(sort), row), `${sort.column} ${sort.descending} ${row.title}`).toBe(index);
      }
    }
  });

  it('does not locate a row the filters leave out', async () => {
    const filtered = { sites: [alpha], sort: { column: 'start', descending: true }, filters: { text: 'Row 01' } } as const;
    expect(await locateRow(filtered, alphaRows[3])).toBeNull();
    expect(await locateRow(filtered, alphaRows[1])).toBe(0);
  });

  it('finds an interaction in whichever site holds it, deleted ones too', async () => {
    expect((await findInteraction([alpha.id, beta.id], betaRows[1].id))?.siteId).toBe(beta.id);
    expect(await findInteraction([alpha.id], betaRows[1].id)).toBeNull();
  });
});
