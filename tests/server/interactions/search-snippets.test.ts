import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { WINDOW_CHARS } from '../../../sync-server/repositories/search-snippet';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';

// Headlines are made from a window of the text that starts at the first word beginning with a
// searched lexeme's letters (sync-server/repositories/search-snippet.ts). These tests hold the
// snippets to what ts_headline gives for the whole text: the same words marked, whole words only,
// and a mark whenever the description or notes hold a match, however the window falls.

const BEN = 'ben@example.org';
const UNTHROTTLED = { RATE_LIMIT_PER_MINUTE: '1000000' };

interface Hit {
  id: string;
  description: string;
  notes: string | null;
  snippet: { text: string; match: boolean }[];
}

/** Filler of exactly `chars` characters ending in a space, of words no test searches for. */
function filler(chars: number): string {
  const words = 'the rota for next month was agreed and the hall is booked again ';
  return `${words.repeat(Math.ceil(chars / words.length)).slice(0, chars - 1)} `;
}

describe.each(testDatabases)('search snippets on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 150, env: UNTHROTTLED });
  });
  afterAll(() => api.dispose());

  async function create(fields: Record<string, unknown>): Promise<{ id: string }> {
    const response = await api.as(BEN, {
      method: 'POST',
      url: '/api/interactions',
      payload: leedsMeetingBody({ title: 'Snippet check', ...fields })
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  async function search(q: string, limit = 20): Promise<Hit[]> {
    const params = new URLSearchParams({ q, siteId: LEEDS.id, limit: String(limit) });
    const response = await api.as(BEN, { method: 'GET', url: `/api/search/interactions?${params}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  }

  async function snippetOf(q: string, id: string): Promise<Hit['snippet']> {
    const hit = (await search(q)).find((candidate) => candidate.id === id);
    expect(hit, `${q} should find ${id}`).toBeDefined();
    return (hit as Hit).snippet;
  }

  const marked = (snippet: Hit['snippet']) => snippet.filter((segment) => segment.match).map((segment) => segment.text);

  /** Every word ts_headline marks when given the whole description and notes. */
  async function wordsMarkedInWholeText(q: string, hit: Hit): Promise<string[]> {
    const { rows } = await api.db.query<{ headline: string }>(
      `SELECT ts_headline('english', $1, websearch_to_tsquery('english', $2),
                          'HighlightAll=true, StartSel=<<, StopSel=>>') AS headline`,
      [`${hit.description}\n${hit.notes ?? ''}`, q]
    );
    return [...rows[0].headline.matchAll(/<<(.*?)>>/gs)].map((match) => match[1]);
  }

  it('marks a match that lies far into a long text, and the words after it', async () => {
    const record = await create({ description: `${filler(700)}Then the grumbleweed order came in late again. ${filler(300)}` });
    const snippet = await snippetOf('grumbleweed', record.id);

    expect(marked(snippet)).toEqual(['grumbleweed']);
    expect(snippet.map((segment) => segment.text).join('')).toMatch(/^grumbleweed order came in late again/);
  });

  it('marks the match when an earlier word only begins with its letters', async () => {
    const record = await create({ description: `Florpington council wrote first. ${filler(400)}Then the florp arrived.` });
    expect(marked(await snippetOf('florp', record.id))).toEqual(['florp']);
  });

  it('marks a word whose stem is not how the word begins', async () => {
    // "zibbety" is stemmed to "zibbeti", which no word of the text begins with.
    const record = await create({ description: `${filler(400)}The zibbety check was done.` });
    expect(marked(await snippetOf('zibbety', record.id))).toEqual(['zibbety']);
  });

  it('never marks the piece of a word that the window cuts in two', async () => {
    // The window opens at "Plinthology" and ends inside the second "plinthology", whose first
    // letters alone would stem to "plinth"; the real match comes after the window.
    const opening = 'Plinthology notes. ';
    const cut = `${opening}${filler(WINDOW_CHARS - opening.length - 6)}plinthology`;
    expect(cut.indexOf('plinthology', opening.length) + 6).toBe(WINDOW_CHARS);
    const record = await create({ description: `${cut} was read out. The plinth was moved.` });
    const snippet = await snippetOf('plinth', record.id);
    const mark = snippet.findIndex((segment) => segment.match);

    expect(marked(snippet)).toEqual(['plinth']);
    expect(snippet[mark + 1]?.text).toMatch(/^ was moved/);
  });

  it('shows the first words unmarked when only the title matches', async () => {
    const record = await create({ title: 'Quibblestone review', description: 'Went through the list of repairs with the caretaker.' });
    const snippet = await snippetOf('quibblestone', record.id);

    expect(marked(snippet)).toEqual([]);
    expect(snippet.map((segment) => segment.text).join('')).toMatch(/^Went through the list of repairs with the caretaker\.\s*$/);
  });

  it.each(['volunteers', 'food bank', 'boiler', 'volunteers or boiler', 'landlord', '"food bank"', 'boiler -leak', 'council'])(
    'marks only whole words that ts_headline marks in the whole text, and some word whenever it marks any: %s',
    async (q) => {
      const hits = await search(q, 50);
      expect(hits.length, q).toBeGreaterThan(0);
      for (const hit of hits) {
        const expected = await wordsMarkedInWholeText(q, hit);
        const words = marked(hit.snippet);
        for (const word of words) expect(expected, `${q} in ${hit.id}`).toContain(word);
        expect(words.length > 0, `${q} in ${hit.id}: ${JSON.stringify(hit.snippet)}`).toBe(expected.length > 0);
      }
    }
  );
});
