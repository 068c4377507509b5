import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyInteractionChange } from '../../../../src/lib/domain/crdt';
import { LEEDS } from '../../../../sync-server/demo/demo-directory';
import { connectPeer, listen, roomsClosed } from '../../collab/collab-client';
import { leedsMeetingBody } from '../../helpers/interaction-body';
import { openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { pull, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../../sync/replica';
import { waitFor } from '../../../support/wait-for';
import { validFields } from '../../../support/valid-fields';

const BEN = 'ben@example.org';

/** What a person might type, and what would do harm if it were ever run as HTML or SQL instead of kept as text. */
const PAYLOADS = [
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="alert(1)">',
  "'; DROP TABLE interactions; --",
  '" OR 1=1 --'
];

// The free-text fields take anything; type and timezone must be from their lists, which the REST
// API enforces and a push stores anyway, flagged for review (a merge is never dropped).
const FREE_TEXT = ['title', 'lead', 'location', 'description', 'notes'] as const;
const LISTED = ['type', 'timezone'] as const;
const TABLES = ['sites', 'users', 'user_sites', 'interactions', 'interaction_history', 'interaction_terms'];

function freeText(payload: string): Record<(typeof FREE_TEXT)[number], string> {
  return { title: payload, lead: payload, location: payload, description: `Said: ${payload}`, notes: `Noted: ${payload}` };
}

describe.each(testDatabases)('script, HTML and SQL payloads in interactions on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { interactions: 20, env: UNTHROTTLED });
    baseUrl = await listen(api.app);
  });
  afterAll(() => api?.dispose());

  async function storedColumns(id: string): Promise<Record<string, string | null>> {
    const { rows } = await api.db.query<Record<string, string | null>>(
      'SELECT title, type, lead, timezone, location, description, notes FROM interactions WHERE id = $1',
      [id]
    );
    return rows[0];
  }

  /** Every table still there, with the rows it had. */
  async function tableSizes(): Promise<Record<string, number>> {
    const sizes: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      sizes[table] = rows[0].n;
    }
    return sizes;
  }

  /** The record as the API answers it: JSON whose strings are exactly the payloads. */
  async function expectServedVerbatim(id: string, fields: Record<string, string>): Promise<void> {
    const response = await api.as(BEN, { method: 'GET', url: `/api/interactions/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject(fields);
    for (const value of Object.values(fields)) expect(response.body).toContain(JSON.stringify(value).slice(1, -1));
  }

  it.each(PAYLOADS)('REST: stores %s verbatim in every free-text field and answers it as JSON', async (payload) => {
    const fields = freeText(payload);

    const created = await api.as(BEN, { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody(fields) });

    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject(fields);
    expect(await storedColumns(created.json().id)).toMatchObject(fields);
    await expectServedVerbatim(created.json().id, fields);
  });

  it.each(PAYLOADS)('REST: refuses %s as a type or a timezone, naming both, storing nothing', async (payload) => {
    const before = await tableSizes();

    const response = await api.as(BEN, {
      method: 'POST',
      url: '/api/interactions',
      payload: leedsMeetingBody({ type: payload, timezone: payload })
    });

    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields.map((entry: { field: string }) => entry.field).sort()).toEqual([...LISTED].sort());
    expect(await tableSizes()).toEqual(before);
  });

  it.each(PAYLOADS)('push: stores %s verbatim in every text field, type and timezone flagged for review', async (payload) => {
    const fields = { ...freeText(payload), type: payload, timezone: payload };
    const replica = Replica.create(fields);

    await pushAndAdopt(api, BEN, [replica]);

    expect(await storedColumns(replica.id)).toEqual(fields);
    expect(await storedDocument(api, replica.id)).toMatchObject({ ...fields, needsReview: true });
    const pulled = (await pull(api, BEN, { limit: 2000 })).documents.find((document) => document.id === replica.id);
    expect(pulled).toMatchObject(fields);
    await expectServedVerbatim(replica.id, fields);
  });

  it('live socket: stores every payload typed into a record verbatim', async () => {
    const replica = Replica.create();
    await pushAndAdopt(api, BEN, [replica]);
    const fields = { ...freeText(PAYLOADS.join(' ')), title: PAYLOADS[0], lead: PAYLOADS[1], location: PAYLOADS.join(' ') };
    const peer = await connectPeer({ baseUrl, token: await api.token(BEN), id: replica.id });
    try {
      applyInteractionChange(peer.doc, fields);
      await waitFor(async () => (await storedDocument(api, replica.id)).notes === fields.notes, 'the room to store the edit');
    } finally {
      peer.destroy();
    }
    await roomsClosed(api.app);

    expect(await storedColumns(replica.id)).toEqual({ ...fields, type: validFields().type, timezone: validFields().timezone });
    await expectServedVerbatim(replica.id, fields);
  });

  it.each(PAYLOADS)('search for %s answers normally, and every table is intact', async (payload) => {
    const before = await tableSizes();
    const query = new URLSearchParams({ q: payload, limit: '100' });

    for (const url of [`/api/search/interactions?${query}`, `/api/search/interactions?${query}&siteId=${LEEDS.id}`]) {
      const response = await api.as(BEN, { method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      expect(Object.keys(response.json()).sort()).toEqual(['items', 'nextCursor']);
      expect(response.json().items).toEqual(expect.any(Array));
    }
    const filters = new URLSearchParams({ lead: payload, type: payload });
    const filtered = await api.as(BEN, { method: 'GET', url: `/api/interactions?${filters}` });
    expect(filtered.statusCode, filtered.body).toBe(200);

    expect(await tableSizes()).toEqual(before);
  });

  it('search finds a record holding a payload by one of its words and returns the payload as text', async () => {
    const marker = 'quillwortpayload';
    const replica = Replica.create({ title: `${marker} ${PAYLOADS[1]}`, notes: PAYLOADS.join('\n') });
    await pushAndAdopt(api, BEN, [replica]);

    const response = await api.as(BEN, { method: 'GET', url: `/api/search/interactions?q=${marker}` });

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toEqual([
      expect.objectContaining({ id: replica.id, title: `${marker} ${PAYLOADS[1]}`, notes: PAYLOADS.join('\n') })
    ]);
  });
});
