import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS_MAP } from '../../../../src/lib/domain/crdt';
import { LEEDS, TORONTO } from '../../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { push, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../../sync/replica';

const ADA = demoUser('ada@example.org');
const BEN = demoUser('ben@example.org');

// Where a record lives and who made it come from the server's own rows, never from what a replica
// says: the push reads only the document's fields out of its Yjs state, and its id and site from
// the envelope, checked against the stored row. (A record of one site pushed whole to another, by an
// admin of both, is in tests/server/sync/push.test.ts: SITE_MISMATCH, not moved.)
describe.each(testDatabases)('a push that lies about a record’s site or author on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  /** A Leeds record Ada made, as a replica at its server version. */
  async function adasRecord(): Promise<Replica> {
    const record = Replica.create({ title: 'Made by Ada' });
    await pushAndAdopt(api, ADA.email, [record]);
    return Replica.fromServer(await storedDocument(api, record.id));
  }

  /** Writes keys the CRDT contract does not have into the record's fields map, as a forging client could. */
  function claim(replica: Replica, claims: Record<string, string>): Replica {
    const fields = replica.doc.getMap(FIELDS_MAP);
    replica.doc.transact(() => {
      for (const [key, value] of Object.entries(claims)) fields.set(key, value);
    });
    return replica;
  }

  async function row(id: string) {
    const { rows } = await api.db.query<{ siteId: string; createdBy: string; deleted: boolean }>(
      'SELECT site_id AS "siteId", created_by AS "createdBy", deleted FROM interactions WHERE id = $1',
      [id]
    );
    return rows[0];
  }

  async function historyAuthors(id: string): Promise<string[]> {
    const response = await api.as(ADA.email, { method: 'GET', url: `/api/interactions/${id}/history` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().map((entry: { userId: string }) => entry.userId);
  }

  it('refuses, with SITE_MISMATCH, an existing record’s envelope naming another site, and does not move it', async () => {
    const record = await adasRecord();
    record.edit({ title: 'Moved to Toronto' });

    const outcome = await push(api, ADA.email, [record.row({ siteId: TORONTO.id })], LEEDS.id);

    expect(outcome.refused).toEqual([{ id: record.id, code: 'SITE_MISMATCH', message: expect.any(String) }]);
    expect(await row(record.id)).toEqual({ siteId: LEEDS.id, createdBy: ADA.id, deleted: false });
    expect((await storedDocument(api, record.id)).title).toBe('Made by Ada');
  });

  it('ignores a siteId written into the Yjs state: the edit is taken, the record stays in its site', async () => {
    const record = claim((await adasRecord()).edit({ title: 'Edited with a site claim' }), { siteId: TORONTO.id });

    const outcome = await push(api, ADA.email, [record.row()], LEEDS.id);

    expect(outcome).toEqual({ conflicts: [], refused: [] });
    expect(await row(record.id)).toEqual({ siteId: LEEDS.id, createdBy: ADA.id, deleted: false });
    const asPulled = await storedDocument(api, record.id);
    expect(asPulled).toMatchObject({ siteId: LEEDS.id, title: 'Edited with a site claim' });
    const toronto = await api.as(ADA.email, { method: 'GET', url: `/api/interactions?siteId=${TORONTO.id}&limit=100` });
    expect(toronto.json().items.map((item: { id: string }) => item.id)).not.toContain(record.id);
  });

  it('keeps the stored creator, and names the pusher in the history, when the state claims another author', async () => {
    const record = claim((await adasRecord()).edit({ notes: 'Ben’s edit' }), { createdBy: BEN.id, author: BEN.id });

    const outcome = await push(api, BEN.email, [record.row()], LEEDS.id);

    expect(outcome).toEqual({ conflicts: [], refused: [] });
    expect(await row(record.id)).toEqual({ siteId: LEEDS.id, createdBy: ADA.id, deleted: false });
    expect((await storedDocument(api, record.id)).createdBy).toBe(ADA.id);
    expect(await historyAuthors(record.id)).toEqual([ADA.id, BEN.id]);
  });

  it('refuses a user’s delete of another’s record whose state claims they made it (ROLE_FORBIDDEN)', async () => {
    const record = claim((await adasRecord()).delete(), { createdBy: BEN.id });

    const outcome = await push(api, BEN.email, [record.row()], LEEDS.id);

    expect(outcome.refused).toEqual([{ id: record.id, code: 'ROLE_FORBIDDEN', message: expect.any(String) }]);
    expect(await row(record.id)).toEqual({ siteId: LEEDS.id, createdBy: ADA.id, deleted: false });
    expect(await historyAuthors(record.id)).toEqual([ADA.id]);
  });

  it('makes the pusher the creator of a new record whose state names someone else', async () => {
    const record = claim(Replica.create({ title: 'Claims to be Ada’s' }), { createdBy: ADA.id, author: ADA.id });

    const outcome = await push(api, BEN.email, [record.row()], LEEDS.id);

    expect(outcome).toEqual({ conflicts: [], refused: [] });
    expect(await row(record.id)).toEqual({ siteId: LEEDS.id, createdBy: BEN.id, deleted: false });
    expect(await historyAuthors(record.id)).toEqual([BEN.id]);
  });
});
