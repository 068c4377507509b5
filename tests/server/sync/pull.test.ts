import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SYNC_BATCH } from '../../../src/lib/domain/sync-protocol';
import { LEEDS, NAIROBI, TORONTO } from '../../../sync-server/demo/demo-directory';
import { openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { pull, pullAll, pullQuery, pushAndAdopt, Replica, UNTHROTTLED } from './replica';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const CLEO = 'cleo@example.org';
const EVE = 'eve@example.org';

describe.each(testDatabases)('GET /api/sync/:siteId/pull on $kind', (testDatabase) => {
  let api: ApiFixture;
  // Leeds's records, made once: ten, of which the last is deleted.
  const leeds = Array.from({ length: 10 }, (_, index) => Replica.create({ title: `Leeds record ${index}` }));

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    await pushAndAdopt(api, ADA, leeds);
    await pushAndAdopt(api, ADA, [leeds[9].delete()]);
  });
  afterAll(() => api?.dispose());

  it('answers a site with no records with no documents and no checkpoint', async () => {
    expect(await pull(api, ADA, {}, TORONTO.id)).toEqual({ documents: [], checkpoint: null });
  });

  it('pages through a site with limit and checkpoint, every record once', async () => {
    const pages: string[][] = [];
    let checkpoint: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response = await pull(api, BEN, { checkpoint, limit: 3 });
      if (response.documents.length === 0) {
        // Nothing new: the checkpoint stays where it was.
        expect(response.checkpoint).toBe(checkpoint);
        break;
      }
      expect(response.documents.length).toBeLessThanOrEqual(3);
      pages.push(response.documents.map((document) => document.id));
      checkpoint = response.checkpoint;
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(leeds.map((replica) => replica.id).sort());
  });

  it('returns documents in the order their writes committed', async () => {
    const { documents } = await pullAll(api, BEN);
    // One push is one transaction, ordered by id within it; the deleted record was written again
    // later, so it comes last.
    const firstPush = leeds.slice(0, 9).map((replica) => replica.id).sort();
    expect(documents.map((document) => document.id)).toEqual([...firstPush, leeds[9].id]);
  });

  it('includes deleted records as tombstones', async () => {
    const { documents } = await pullAll(api, BEN);
    const tombstone = documents.find((document) => document.id === leeds[9].id);
    expect(tombstone).toMatchObject({ deleted: true, title: 'Leeds record 9' });
    expect(documents.filter((document) => document.deleted)).toHaveLength(1);
  });

  it('carries the fields, the review flag, the server sequence and the state of each record', async () => {
    const { documents } = await pull(api, BEN, { limit: 1 });
    const index = leeds.findIndex((replica) => replica.id === documents[0].id);
    expect(documents[0]).toMatchObject({
      siteId: LEEDS.id,
      title: `Leeds record ${index}`,
      needsReview: false,
      serverSeq: leeds[index].master?.serverSeq,
      crdt: leeds[index].master?.crdt
    });
  });

  it('tells how many documents remain after the page when asked', async () => {
    const first = await pull(api, BEN, { limit: 4, remaining: true });
    expect(first.remaining).toBe(6);
    const second = await pull(api, BEN, { checkpoint: first.checkpoint, limit: 4, remaining: true });
    expect(second.remaining).toBe(2);
    const last = await pull(api, BEN, { checkpoint: second.checkpoint, limit: 4, remaining: true });
    expect(last.remaining).toBe(0);
    expect(await pull(api, BEN, { limit: 4 })).not.toHaveProperty('remaining');
  });

  it('sends an edited record again, after the checkpoint that had it', async () => {
    const before = await pullAll(api, BEN);
    const edited = Replica.fromServer(before.documents[0]).edit({ title: 'Leeds record 0, edited' });
    await pushAndAdopt(api, BEN, [edited]);
    const after = await pull(api, BEN, { checkpoint: before.checkpoint });
    expect(after.documents.map((document) => [document.id, document.title])).toEqual([
      [edited.id, 'Leeds record 0, edited']
    ]);
    expect(after.documents[0].serverSeq).toBeGreaterThan(before.documents[0].serverSeq);
  });

  it.each([
    ['not a checkpoint', 'yesterday'],
    ['a checkpoint without its id', '12345'],
    ['an id that is not a UUID', '12:not-a-uuid'],
    ['a transaction id past 64 bits', `${2n ** 64n}:00000000-0000-4000-8000-000000000000`]
  ])('answers 400 naming checkpoint for %s', async (_case, checkpoint) => {
    const response = await api.as(BEN, { method: 'GET', url: `/api/sync/${LEEDS.id}/pull`, query: { checkpoint } });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'checkpoint', message: expect.any(String) }]
    });
  });

  it('answers 400 for a limit over the batch size', async () => {
    const response = await api.as(BEN, { method: 'GET', url: `/api/sync/${LEEDS.id}/pull`, query: pullQuery({ limit: MAX_SYNC_BATCH + 1 }) });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'limit', message: expect.any(String) }]);
  });

  it('answers 403 to someone who is not a member of the site', async () => {
    const response = await api.as(EVE, { method: 'GET', url: `/api/sync/${LEEDS.id}/pull` });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error.code).toBe('SITE_FORBIDDEN');
  });

  it('answers 403 for a site that does not exist', async () => {
    const response = await api.as(ADA, { method: 'GET', url: '/api/sync/00000000-0000-4000-8000-00000000dead/pull' });
    expect(response.statusCode, response.body).toBe(403);
  });

  it('lets a viewer pull', async () => {
    const { documents } = await pullAll(api, CLEO);
    expect(documents).toHaveLength(10);
  });

  it('sends only the named site’s records', async () => {
    await pushAndAdopt(api, EVE, [Replica.create({ title: 'Nairobi record' }, NAIROBI.id)]);
    const leedsIds = (await pullAll(api, BEN)).documents.map((document) => document.id);
    const nairobi = (await pullAll(api, EVE, { siteId: NAIROBI.id })).documents;
    expect(nairobi.map((document) => document.title)).toEqual(['Nairobi record']);
    expect(leedsIds).not.toContain(nairobi[0].id);
  });

  it('answers 401 without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: `/api/sync/${LEEDS.id}/pull` });
    expect(response.statusCode).toBe(401);
  });
});
