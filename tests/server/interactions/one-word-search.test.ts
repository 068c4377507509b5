import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { oneWordLexeme } from '../../../sync-server/repositories/interaction-queries';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';

// One-word searches read ranked postings (migrations/0005_search_terms.sql) instead of ranking the
// GIN index's matches. These tests hold the postings to the rows they describe, and the one-word
// path to exactly the ranking and paging the GIN path gives.

const BEN = 'ben@example.org';
const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '1000000' };
const MAX_PAGES = 500;

interface Hit {
  id: string;
  rank: number;
  type: string;
}

describe.each(testDatabases)('one-word search on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 150, env: UNTHROTTLED });
  });
  afterAll(() => api.dispose());

  async function send(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<{ id: string }> {
    const response = await api.as(BEN, { method, url, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return method === 'DELETE' ? { id: url.split('/').at(-1)! } : response.json();
  }

  const create = (fields: Record<string, unknown>) =>
    send('POST', '/api/interactions', leedsMeetingBody({ title: 'Postings check', ...fields }));

  /** Every page of a search through the API, `limit` hits at a time. */
  async function searchAll(query: Record<string, string>, limit = 7): Promise<Hit[]> {
    const hits: Hit[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({ siteId: LEEDS.id, limit: String(limit), ...query, ...(cursor ? { cursor } : {}) });
      const response = await api.as(BEN, { method: 'GET', url: `/api/search/interactions?${params}` });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { items: Hit[]; nextCursor: string | null };
      hits.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) return hits;
    }
    throw new Error(`still paging after ${MAX_PAGES} pages`);
  }

  /** The same search ranked from the GIN index, straight from the database. */
  async function rankedByGin(text: string, type?: string): Promise<{ id: string; rank: number }[]> {
    const { rows } = await api.db.query<{ id: string; rank: number }>(
      `SELECT id, ts_rank(search_vector, websearch_to_tsquery('english', $1)) AS rank FROM interactions
        WHERE site_id = $2 AND NOT deleted AND search_vector @@ websearch_to_tsquery('english', $1)
          AND ($3::text IS NULL OR type = $3)
        ORDER BY rank DESC, id DESC`,
      [text, LEEDS.id, type ?? null]
    );
    return rows;
  }

  /** Postings that differ from what the rows' search vectors give: none when they are in step. */
  async function postingsOutOfStep(): Promise<number> {
    const { rows } = await api.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM (
         (SELECT i.site_id, r.lexeme, r.rank, i.id FROM interactions i, lexeme_ranks(i.search_vector) r
          EXCEPT SELECT site_id, lexeme, rank, interaction_id FROM interaction_terms)
         UNION ALL
         (SELECT site_id, lexeme, rank, interaction_id FROM interaction_terms
          EXCEPT SELECT i.site_id, r.lexeme, r.rank, i.id FROM interactions i, lexeme_ranks(i.search_vector) r)) AS apart`
    );
    return rows[0].count;
  }

  it('reads one word, and only one word, as a one-word search', async () => {
    expect(await oneWordLexeme(api.db, 'volunteers')).toBe('volunt');
    expect(await oneWordLexeme(api.db, 'the Volunteers')).toBe('volunt');
    expect(await oneWordLexeme(api.db, '"boiler"')).toBe('boiler');
    expect(await oneWordLexeme(api.db, 'ada@example.org')).toBe('ada@example.org');
    for (const several of ['food bank', 'boiler -leak', '-boiler', 'boiler or leak', '"food bank"', 'the', '', 'boiler boiler']) {
      expect(await oneWordLexeme(api.db, several), several).toBeUndefined();
    }
  });

  it('keeps the postings in step with creates, edits, a move of text between fields and deletes', async () => {
    expect(await postingsOutOfStep()).toBe(0);
    const record = await create({ title: 'Quarrelsome kettle', description: 'The kettle leaks.', notes: 'Kettle again.' });
    await send('PATCH', `/api/interactions/${record.id}`, { notes: 'The kettle was replaced; the teapot stays.' });
    await send('PATCH', `/api/interactions/${record.id}`, { title: 'Teapot review', description: 'Only the kettle leaks.' });
    const removed = await create({ description: 'A kettle that will be deleted.' });
    await send('DELETE', `/api/interactions/${removed.id}`);
    expect(await postingsOutOfStep()).toBe(0);

    const hits = await searchAll({ q: 'kettle' });
    expect(hits.map((hit) => hit.id)).toContain(record.id);
    expect(hits.map((hit) => hit.id)).not.toContain(removed.id);
    expect(await searchAll({ q: 'quarrelsome' })).toEqual([]);
  });

  it('keeps the postings in step through writes of many rows at once: edits, untouched text, a move and hard deletes', async () => {
    const some = (offset: number, count: number) =>
      `SELECT id FROM interactions WHERE site_id = '${LEEDS.id}' ORDER BY id LIMIT ${count} OFFSET ${offset}`;
    await api.db.query(`UPDATE interactions SET notes = coalesce(notes, '') || ' Rang the landlord twice.' WHERE id IN (${some(0, 20)})`);
    await api.db.query(`UPDATE interactions SET needs_review = needs_review WHERE id IN (${some(20, 20)})`);
    await api.db.query(`UPDATE interactions SET site_id = '${TORONTO.id}' WHERE id IN (${some(40, 2)})`);
    // Hard deletes happen only outside the app (the app's deletes are tombstones), history first.
    await api.db.query(`DELETE FROM interaction_history WHERE interaction_id IN (${some(50, 3)})`);
    const { rows: gone } = await api.db.query<{ id: string }>(`DELETE FROM interactions WHERE id IN (${some(50, 3)}) RETURNING id`);
    expect(gone.length).toBe(3);
    expect(await postingsOutOfStep()).toBe(0);
  });

  it('finds a word whose lexeme holds punctuation', async () => {
    const record = await create({ description: 'Write to brien.support@example.org or see /home/ben/rota.txt first.' });
    for (const word of ['brien.support@example.org', '/home/ben/rota.txt']) {
      expect(await oneWordLexeme(api.db, word), word).toBe(word);
      expect((await searchAll({ q: word })).map((hit) => hit.id), word).toEqual([record.id]);
    }
    expect(await postingsOutOfStep()).toBe(0);
  });

  it('ranks and pages every common word of the site exactly as ranking the GIN matches does', async () => {
    // The site's most frequent lexemes (thousands of ties in rank among them) and a few rare ones.
    const { rows } = await api.db.query<{ lexeme: string }>(
      `(SELECT lexeme FROM interaction_terms WHERE site_id = $1 GROUP BY lexeme ORDER BY count(*) DESC, lexeme LIMIT 12)
       UNION ALL
       (SELECT lexeme FROM interaction_terms WHERE site_id = $1 GROUP BY lexeme HAVING count(*) BETWEEN 2 AND 5 ORDER BY lexeme LIMIT 4)`,
      [LEEDS.id]
    );
    expect(rows.length).toBe(16);
    for (const { lexeme } of rows) {
      expect(await oneWordLexeme(api.db, lexeme), lexeme).toBe(lexeme);
      const expected = await rankedByGin(lexeme);
      const hits = await searchAll({ q: lexeme });
      expect(hits.length, lexeme).toBeGreaterThan(1);
      expect(hits.map(({ id, rank }) => ({ id, rank })), lexeme).toEqual(expected);
    }
  });

  it('applies the filters to a one-word search as the GIN path does', async () => {
    const expected = await rankedByGin('meeting', 'Call');
    const hits = await searchAll({ q: 'meeting', type: 'Call' }, 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.type === 'Call')).toBe(true);
    expect(hits.map(({ id, rank }) => ({ id, rank }))).toEqual(expected);
  });
});
