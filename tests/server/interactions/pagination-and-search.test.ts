import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, NAIROBI, TORONTO } from '../../../sync-server/demo/demo-directory';
import { SORT_COLUMNS, type SortField } from '../../../sync-server/repositories/interaction-queries';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { validFields } from '../../support/valid-fields';

const BEN = 'ben@example.org';
const DEV = 'dev@example.org';

type Body = Record<string, unknown>;

// One user sends far more than a person could in a minute here; the limit has its own tests.
const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '1000000' };

interface Listed {
  id: string;
  siteId: string;
  title: string;
  type: string;
  lead: string;
  startDatetime: string;
  endDatetime: string;
  timezone: string;
  location: string | null;
  description: string;
  notes: string | null;
  deleted: boolean;
}

interface Hit extends Listed {
  rank: number;
  snippet: { text: string; match: boolean }[];
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A create body that passes every rule; no notes, so a snippet comes from the description. */
function validInteraction(overrides: Body = {}): Body {
  return { siteId: LEEDS.id, ...validFields({ notes: null }), ...overrides };
}


/**
 * A UUID a little above (+1) or below (-1) `id`, so a row with the same sort value lands just after
 * or just before it in (value, id) order. The step is random so that ids made beside copies made
 * earlier do not collide.
 */
function idBeside(id: string, direction: 1n | -1n): string {
  const step = 1n + BigInt(Math.floor(Math.random() * 2 ** 40));
  const hex = (BigInt(`0x${id.replaceAll('-', '')}`) + direction * step).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// A page loop that goes on longer than this is stuck on one cursor.
const MAX_PAGES = 200;

describe.each(testDatabases)('listing and searching interactions on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 200, env: UNTHROTTLED });
  });
  afterAll(() => api.dispose());

  async function getJson<T>(email: string, url: string): Promise<T> {
    const response = await api.as(email, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  }

  async function create(overrides: Body = {}, email = BEN): Promise<Listed> {
    const response = await api.as(email, { method: 'POST', url: '/api/interactions', payload: validInteraction(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function remove(id: string): Promise<void> {
    const response = await api.as(BEN, { method: 'DELETE', url: `/api/interactions/${id}` });
    expect(response.statusCode, response.body).toBe(204);
  }

  /** Every page of a listing or search, following nextCursor; `between` runs before each next page. */
  async function allPages<T extends { id: string }>(
    email: string,
    path: string,
    query: Record<string, string>,
    between?: (last: T) => Promise<void>
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
      const page: Page<T> = await getJson<Page<T>>(email, `${path}?${params}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return items;
      const last = page.items.at(-1);
      if (between && last) await between(last);
    }
    throw new Error(`${path} still had a next page after ${MAX_PAGES} pages: ${items.length} items, ${new Set(items.map((item) => item.id)).size} distinct`);
  }

  const list = (email: string, query: Record<string, string>, between?: (last: Listed) => Promise<void>) =>
    allPages<Listed>(email, '/api/interactions', query, between);
  const search = (email: string, query: Record<string, string>) => allPages<Hit>(email, '/api/search/interactions', query);
  const searchIds = async (q: string, query: Record<string, string> = {}) => (await search(BEN, { q, ...query })).map((hit) => hit.id);

  async function ids(sql: string, params: unknown[] = []): Promise<string[]> {
    const { rows } = await api.db.query<{ id: string }>(sql, params);
    return rows.map((row) => row.id);
  }

  /** The site's live rows in the listing's order, straight from the database. */
  function orderedIds(siteId: string, sort: string): Promise<string[]> {
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as SortField];
    const direction = descending ? 'DESC' : 'ASC';
    return ids(
      `SELECT i.id FROM interactions i WHERE i.site_id = $1 AND NOT i.deleted ORDER BY ${column} ${direction}, i.id ${direction}`,
      [siteId]
    );
  }

  /** A copy of a row under a new id: same sort values, whatever the sort. */
  async function copyRow(fromId: string, newId: string): Promise<void> {
    await api.db.query(
      `INSERT INTO interactions (id, site_id, title, type, lead, start_datetime, end_datetime, timezone, location,
                                 description, notes, created_by, updated_by, created_at, updated_at, deleted,
                                 needs_review, crdt)
       SELECT $1, site_id, title, type, lead, start_datetime, end_datetime, timezone, location,
              description, notes, created_by, updated_by, created_at, updated_at, deleted, needs_review, crdt
         FROM interactions WHERE id = $2`,
      [newId, fromId]
    );
  }

  describe('GET /api/interactions keyset pagination', () => {
    it.each(['-startDatetime', 'startDatetime', 'title', '-title', '-updatedAt', 'lead'])(
      'pages through sort=%s without repeating or skipping while rows are inserted',
      async (sort) => {
        const descending = sort.startsWith('-');
        const atStart = await orderedIds(LEEDS.id, sort);
        const ahead: string[] = [];
        const behind: string[] = [];

        const seen = await list(BEN, { siteId: LEEDS.id, sort, limit: '7' }, async (last) => {
          // Rows with the same sort value as the page's last row, the id just either side of it:
          // one lands just after the cursor and must be listed, one just before and must not.
          const after = idBeside(last.id, descending ? -1n : 1n);
          const before = idBeside(last.id, descending ? 1n : -1n);
          await copyRow(last.id, after);
          await copyRow(last.id, before);
          ahead.push(after);
          behind.push(before);
          // And one through the API, like the page's last row but with a fresh id and updatedAt.
          const { title, type, lead, startDatetime, endDatetime } = last;
          await create({ title, type, lead, startDatetime, endDatetime });
        });

        const seenIds = seen.map((item) => item.id);
        expect(ahead.length).toBeGreaterThan(5);
        expect(new Set(seenIds).size).toBe(seenIds.length);
        expect(seenIds).toEqual(expect.arrayContaining(atStart));
        expect(seenIds).toEqual(expect.arrayContaining(ahead));
        expect(seenIds.filter((id) => behind.includes(id))).toEqual([]);
        // In order: the listing is the database's own order, less the rows inserted behind the cursor.
        const seenSet = new Set(seenIds);
        expect(seenIds).toEqual((await orderedIds(LEEDS.id, sort)).filter((id) => seenSet.has(id)));
      }
    );

    it('pages through starts with sub-millisecond digits without repeating or skipping', async () => {
      const lead = 'Sub Millisecond Tester';
      const starts = [
        '2026-04-01T09:00:00.1234Z',
        '2026-04-01T09:00:00.123456789Z',
        '2026-04-01T09:00:00.1235Z',
        '2026-04-01T10:00:00.000001+01:00',
        '2026-04-01T09:00:00.9999Z'
      ];
      const created = [];
      for (const start of starts) {
        created.push(await create({ lead, startDatetime: start, endDatetime: '2026-04-01T11:00:00Z' }));
      }
      for (const sort of ['startDatetime', '-startDatetime']) {
        const seen = await list(BEN, { siteId: LEEDS.id, lead, sort, limit: '1' });
        expect(seen.map((item) => item.id).sort(), sort).toEqual(created.map((item) => item.id).sort());
      }
    });

    it('lists only live rows', async () => {
      const gone = await create({ title: 'Listed until deleted' });
      await remove(gone.id);
      const seen = await list(BEN, { siteId: LEEDS.id, limit: '100' });
      expect(seen.map((item) => item.id)).not.toContain(gone.id);
      expect(seen.every((item) => !item.deleted)).toBe(true);
    });
  });

  describe('GET /api/interactions filters', () => {
    interface FilterCase {
      name: string;
      query: Record<string, string>;
      where: string;
      params: unknown[];
    }

    const FILTERS: FilterCase[] = [
      { name: 'type', query: { type: 'Meeting' }, where: 'type = $2', params: ['Meeting'] },
      { name: 'lead', query: { lead: 'Ben Carter' }, where: 'lead = $2', params: ['Ben Carter'] },
      { name: 'type and lead', query: { type: 'Call', lead: 'Ben Carter' }, where: 'type = $2 AND lead = $3', params: ['Call', 'Ben Carter'] },
      {
        name: 'from and to',
        query: { from: '2025-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        where: 'start_datetime >= $2 AND start_datetime < $3',
        params: ['2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z']
      },
      {
        name: 'from with an offset',
        query: { from: '2026-06-01T02:00:00+02:00' },
        where: 'start_datetime >= $2',
        params: ['2026-06-01T00:00:00Z']
      },
      {
        name: 'type, lead, from and to together',
        query: { type: 'Meeting', lead: 'Ben Carter', from: '2025-01-01T00:00:00Z', to: '2026-07-01T00:00:00Z' },
        where: 'type = $2 AND lead = $3 AND start_datetime >= $4 AND start_datetime < $5',
        params: ['Meeting', 'Ben Carter', '2025-01-01T00:00:00Z', '2026-07-01T00:00:00Z']
      },
      { name: 'a type nobody uses', query: { type: 'Workshop', lead: 'Nobody Atall' }, where: 'type = $2 AND lead = $3', params: ['Workshop', 'Nobody Atall'] }
    ];

    it.each(FILTERS)('filters by $name exactly as the database counts', async ({ query, where, params }) => {
      const expected = await ids(
        `SELECT id FROM interactions WHERE site_id = $1 AND NOT deleted AND ${where}`,
        [LEEDS.id, ...params]
      );
      const seen = await list(BEN, { siteId: LEEDS.id, limit: '9', ...query });
      expect(seen.map((item) => item.id).sort()).toEqual(expected.sort());

      for (const item of seen) {
        if (query.type) expect(item.type).toBe(query.type);
        if (query.lead) expect(item.lead).toBe(query.lead);
        if (query.from) expect(Date.parse(item.startDatetime)).toBeGreaterThanOrEqual(Date.parse(query.from));
        if (query.to) expect(Date.parse(item.startDatetime)).toBeLessThan(Date.parse(query.to));
      }
    });

    it('finds something for the combined filter, so the comparison means something', async () => {
      const seen = await list(BEN, { siteId: LEEDS.id, type: 'Meeting', lead: 'Ben Carter' });
      expect(seen.length).toBeGreaterThan(0);
    });
  });

  describe('GET /api/interactions across sites', () => {
    it("lists dev's Toronto and Nairobi rows, and nothing from Leeds", async () => {
      const expected = await ids('SELECT id FROM interactions WHERE site_id = ANY($1::uuid[]) AND NOT deleted', [[TORONTO.id, NAIROBI.id]]);
      const seen = await list(DEV, { limit: '50' });

      expect(new Set(seen.map((item) => item.siteId))).toEqual(new Set([TORONTO.id, NAIROBI.id]));
      expect(seen.map((item) => item.id).sort()).toEqual(expected.sort());
    });

    it('refuses dev a listing of Leeds', async () => {
      const response = await api.as(DEV, { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}` });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('GET /api/search/interactions', () => {
    const findHit = async (q: string, id: string, query: Record<string, string> = {}) => {
      const hits = await search(BEN, { q, ...query });
      const hit = hits.find((candidate) => candidate.id === id);
      expect(hit, `${q} should find ${id}`).toBeDefined();
      return hit as Hit;
    };

    it.each([
      { place: 'title', fields: { title: 'Frumious bandersnatch consultation' }, word: 'bandersnatch' },
      { place: 'description', fields: { description: 'We talked about the zorbulated boiler at length.' }, word: 'zorbulated' },
      { place: 'notes', fields: { notes: 'Remember the quenchlomp paperwork.' }, word: 'quenchlomp' }
    ])('finds a word that appears only in the $place', async ({ fields, word }) => {
      const record = await create(fields);
      expect(await searchIds(word)).toEqual([record.id]);
    });

    it('ranks a title match above a description-only match', async () => {
      const inDescription = await create({ title: 'Boiler follow-up', description: 'The snorkelvane was mentioned once.' });
      const inTitle = await create({ title: 'Snorkelvane review', description: 'Went through the list of repairs.' });

      const hits = await search(BEN, { q: 'snorkelvane' });
      expect(hits.map((hit) => hit.id)).toEqual([inTitle.id, inDescription.id]);
      expect(hits[0].rank).toBeGreaterThan(hits[1].rank);
    });

    describe('web-search syntax', () => {
      let adjacent: Listed;
      let apart: Listed;
      let other: Listed;
      beforeAll(async () => {
        adjacent = await create({ description: 'The glimmerwick plonkadoodle came up again, with frobnistan.' });
        apart = await create({ description: 'A plonkadoodle, and separately a glimmerwick.' });
        other = await create({ description: 'Only the wuzzleberry was discussed.' });
      });

      it('matches all words when they are simply listed', async () => {
        expect((await searchIds('glimmerwick plonkadoodle')).sort()).toEqual([adjacent.id, apart.id].sort());
      });

      it('matches a quoted phrase only where the words stand together', async () => {
        expect(await searchIds('"glimmerwick plonkadoodle"')).toEqual([adjacent.id]);
      });

      it('leaves out records with a -word', async () => {
        expect(await searchIds('glimmerwick -frobnistan')).toEqual([apart.id]);
      });

      it('matches either side of "or"', async () => {
        expect((await searchIds('frobnistan or wuzzleberry')).sort()).toEqual([adjacent.id, other.id].sort());
      });
    });

    describe('snippets', () => {
      it('marks the matched word in segments of plain text', async () => {
        const record = await create({ description: 'Long talk about rent. The crinkleshaft form was signed on the day.' });
        const hit = await findHit('crinkleshaft', record.id);

        expect(hit.snippet.length).toBeGreaterThan(1);
        expect(hit.snippet.filter((segment) => segment.match).map((segment) => segment.text)).toEqual(['crinkleshaft']);
        expect(hit.snippet.map((segment) => segment.text).join('')).toContain('The crinkleshaft form was signed');
      });

      it('returns a snippet of HTML in the record as plain text, the record itself unchanged', async () => {
        const html = '<b>Bold</b> <img src=x onerror="alert(1)"> the wobblegong <script>alert(2)</script> &amp; more';
        const record = await create({ description: html });
        const hit = await findHit('wobblegong', record.id);
        const text = hit.snippet.map((segment) => segment.text).join('');

        expect(hit.snippet).toContainEqual({ text: 'wobblegong', match: true });
        // The headline drops tags and keeps the words; nothing is escaped or unescaped either.
        expect(text).toMatch(/Bold\s+the\s+wobblegong\s+alert\(2\)/);
        expect(text).not.toMatch(/<\/?[a-z]/i);
        expect(text).toContain('&amp;');
        expect(text).not.toContain('&lt;');
        expect(text).not.toMatch(/[\uE000\uE001]/);
        expect(hit.description).toBe(html);
      });

      it('gives every hit a snippet made only of { text, match } segments', async () => {
        const hits = await search(BEN, { q: 'council', limit: '20' });
        expect(hits.length).toBeGreaterThan(0);
        for (const hit of hits) {
          for (const segment of hit.snippet) expect(segment).toEqual({ text: expect.any(String), match: expect.any(Boolean) });
        }
      });
    });

    it('pages through hits with a cursor, each once, best first', async () => {
      const word = 'pagewhistle';
      const created: string[] = [];
      for (let i = 0; i < 4; i++) created.push((await create({ title: `${word} meeting ${i}` })).id);
      for (let i = 0; i < 5; i++) created.push((await create({ description: `The ${word} came up (${i}).` })).id);
      for (let i = 0; i < 4; i++) created.push((await create({ notes: `Check the ${word} list, item ${i}.` })).id);

      const hits = await search(BEN, { q: word, limit: '3' });
      const hitIds = hits.map((hit) => hit.id);
      expect(new Set(hitIds).size).toBe(hitIds.length);
      expect(hitIds.sort()).toEqual([...created].sort());
      for (let i = 1; i < hits.length; i++) expect(hits[i].rank).toBeLessThanOrEqual(hits[i - 1].rank);
    });

    it('refuses a cursor made for another search', async () => {
      const first = await getJson<Page<Hit>>(BEN, '/api/search/interactions?q=pagewhistle&limit=2');
      expect(first.nextCursor).toEqual(expect.any(String));
      const response = await api.as(BEN, { method: 'GET', url: `/api/search/interactions?q=other&cursor=${first.nextCursor}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_CURSOR');
    });

    it('applies type, lead, from and to to the hits', async () => {
      const word = 'filtergrumble';
      const call = await create({ description: `A ${word} call.`, type: 'Call' });
      const byAda = await create({ description: `A ${word} meeting led by Ada.`, lead: 'Ada Lindqvist' });
      const early = await create({ description: `An early ${word}.`, startDatetime: '2025-01-10T09:00:00Z', endDatetime: '2025-01-10T10:00:00Z' });
      const plain = await create({ description: `A plain ${word}.` });

      expect(await searchIds(word, { type: 'Call' })).toEqual([call.id]);
      expect(await searchIds(word, { lead: 'Ada Lindqvist' })).toEqual([byAda.id]);
      expect(await searchIds(word, { to: '2025-02-01T00:00:00Z' })).toEqual([early.id]);
      expect((await searchIds(word, { from: '2025-02-01T00:00:00Z' })).sort()).toEqual([call.id, byAda.id, plain.id].sort());
      expect(await searchIds(word, { type: 'Meeting', lead: 'Ben Carter', from: '2026-01-01T00:00:00Z' })).toEqual([plain.id]);
    });

    it('does not find deleted records', async () => {
      const record = await create({ description: 'The vanishquark was logged.' });
      expect(await searchIds('vanishquark')).toEqual([record.id]);
      await remove(record.id);
      expect(await searchIds('vanishquark')).toEqual([]);
    });

    it("does not give dev Leeds records, even for Leeds's own words", async () => {
      const leeds = await create({ description: 'The crossquillet stays in Leeds.' });
      const toronto = await create({ siteId: TORONTO.id, description: 'A Toronto crossquillet.' }, DEV);

      const hits = await search(DEV, { q: 'crossquillet' });
      expect(hits.map((hit) => hit.id)).toEqual([toronto.id]);
      expect(await searchIds('crossquillet')).toEqual([leeds.id]);

      const common = await search(DEV, { q: 'meeting', limit: '50' });
      expect(common.length).toBeGreaterThan(0);
      for (const hit of common) expect([TORONTO.id, NAIROBI.id]).toContain(hit.siteId);
    });

    it('refuses dev a search of Leeds', async () => {
      const response = await api.as(DEV, { method: 'GET', url: `/api/search/interactions?q=meeting&siteId=${LEEDS.id}` });
      expect(response.statusCode).toBe(403);
    });
  });
});
