import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGED_TEXT_HEADROOM } from '../../../src/lib/domain';
import { decodeInteractionState, readInteractionFields, isInteractionDeleted } from '../../../src/lib/domain/crdt';
import { MAX_SYNC_BATCH, type PushResponse, type SyncDocument } from '../../../src/lib/domain/sync-protocol';
import { LEEDS, TORONTO } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { fromBase64, historyCount, pull, push, pushAndAdopt, Replica, storedDocument, toBase64, UNTHROTTLED } from './replica';
import { validFields } from '../../support/valid-fields';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const CLEO = 'cleo@example.org';
const EVE = 'eve@example.org';

const DESCRIPTION = validFields().description;

describe.each(testDatabases)('POST /api/sync/:siteId/push on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  /** A record ben made and both replicas hold at the same server version. */
  async function sharedRecord(fields = {}): Promise<[Replica, Replica]> {
    const original = Replica.create(fields);
    await pushAndAdopt(api, BEN, [original]);
    const server = await storedDocument(api, original.id);
    return [Replica.fromServer(server), Replica.fromServer(server)];
  }

  function fieldsOf(document: SyncDocument) {
    return readInteractionFields(decodeInteractionState(fromBase64(document.crdt)));
  }

  it('creates a record the server never had, with its history', async () => {
    const replica = Replica.create({ title: 'Made offline' });
    const outcome = await push(api, BEN, [replica.row()]);
    expect(outcome).toEqual({ conflicts: [], refused: [] });

    const stored = await storedDocument(api, replica.id);
    expect(stored).toMatchObject({
      ...validFields({ title: 'Made offline' }),
      siteId: LEEDS.id,
      createdBy: demoUser(BEN).id,
      deleted: false,
      needsReview: false
    });
    expect(fieldsOf(stored)).toEqual(validFields({ title: 'Made offline' }));
    const history = await api.as(BEN, { method: 'GET', url: `/api/interactions/${replica.id}/history` });
    expect(history.json()).toMatchObject([{ action: 'create', userId: demoUser(BEN).id }]);
  });

  it('keeps the offline time of the change as the history’s authored-at', async () => {
    const replica = Replica.create();
    const row = replica.row();
    row.newDocumentState.updatedAt = '2026-01-05T08:00:00.000Z';
    await push(api, BEN, [row]);
    const history = await api.as(BEN, { method: 'GET', url: `/api/interactions/${replica.id}/history` });
    expect(history.json()[0].authoredAt).toBe('2026-01-05T08:00:00.000Z');
  });

  it('keeps both replicas’ edits of different fields and of one text', async () => {
    const [first, second] = await sharedRecord();
    first.edit({ title: 'Renamed on the first replica', description: `Alpha. ${DESCRIPTION}` });
    second.edit({ location: 'Moved on the second replica', description: `${DESCRIPTION} Omega.` });

    expect(await push(api, BEN, [first.row()])).toEqual({ conflicts: [], refused: [] });
    await push(api, ADA, [second.row()]);

    const stored = await storedDocument(api, first.id);
    const expected = {
      title: 'Renamed on the first replica',
      location: 'Moved on the second replica',
      description: `Alpha. ${DESCRIPTION} Omega.`
    };
    expect(stored).toMatchObject(expected);
    expect(fieldsOf(stored)).toMatchObject(expected);
  });

  it('returns the merged master state as a conflict when the assumed state is stale', async () => {
    const [first, second] = await sharedRecord();
    first.edit({ title: 'First' });
    second.edit({ notes: 'Second' });
    await push(api, BEN, [first.row()]);
    const outcome = await push(api, ADA, [second.row()]);

    const stored = await storedDocument(api, first.id);
    expect(outcome.refused).toEqual([]);
    expect(outcome.conflicts).toEqual([stored]);
    expect(outcome.conflicts[0]).toMatchObject({ title: 'First', notes: 'Second' });
    expect(outcome.conflicts[0].serverSeq).toBeGreaterThan(second.master?.serverSeq ?? Infinity);

    // The replica merges the conflict into its copy and then holds exactly the server's state.
    Y.applyUpdate(second.doc, fromBase64(outcome.conflicts[0].crdt));
    expect(readInteractionFields(second.doc)).toEqual(fieldsOf(stored));
  });

  it('stores a merge that puts the end before the start, flagged for review, and returns it', async () => {
    // Each replica keeps the rule: 10:00–10:30 and 09:30–09:45. Merged: 10:00–09:45.
    const [first, second] = await sharedRecord();
    first.edit({ startDatetime: '2026-03-02T10:00:00.000Z' });
    second.edit({ endDatetime: '2026-03-02T09:45:00.000Z' });
    expect(await push(api, BEN, [first.row()])).toEqual({ conflicts: [], refused: [] });
    const before = await historyCount(api, first.id);
    const outcome = await push(api, BEN, [second.row()]);

    expect(outcome.refused).toEqual([]);
    expect(outcome.conflicts).toHaveLength(1);
    expect(outcome.conflicts[0]).toMatchObject({
      needsReview: true,
      startDatetime: '2026-03-02T10:00:00.000Z',
      endDatetime: '2026-03-02T09:45:00.000Z'
    });
    expect(await storedDocument(api, first.id)).toMatchObject({ needsReview: true });
    expect(await historyCount(api, first.id)).toBe(before + 1);

    // Fixing it through replication clears the flag.
    const fixed = Replica.fromServer(outcome.conflicts[0]).edit({ endDatetime: '2026-03-02T11:00:00.000Z' });
    expect(await push(api, BEN, [fixed.row()])).toEqual({ conflicts: [], refused: [] });
    expect(await storedDocument(api, first.id)).toMatchObject({ needsReview: false });
  });

  it.each([
    ['the later push’s choice is kept', 1],
    ['the earlier push’s choice is kept', -1]
  ])('records in the history a choice overwritten by one made at the same time (%s)', async (_case, order) => {
    const [first, second] = await sharedRecord({ type: 'Meeting' });
    // Of two concurrent sets Yjs keeps the one of the higher client id.
    second.doc.clientID = first.doc.clientID + order;
    first.edit({ type: 'Call' });
    second.edit({ type: 'Site visit', notes: 'Both here.' });
    await push(api, ADA, [first.row()]);
    await push(api, BEN, [second.row()]);

    const kept = (await storedDocument(api, first.id)).type;
    const lost = kept === 'Call' ? 'Site visit' : 'Call';
    expect(kept).toBe(order === 1 ? 'Site visit' : 'Call');
    const history = (await api.as(BEN, { method: 'GET', url: `/api/interactions/${first.id}/history` })).json();
    // Oldest first: the create, the first push (an ordinary change, it had seen the stored value), the second.
    expect(history[1].changes).toEqual([{ field: 'type', from: 'Meeting', to: 'Call' }]);
    expect(history[2]).toMatchObject({ action: 'update', changes: expect.arrayContaining([{ field: 'type', from: lost, to: kept, concurrent: true }]) });
  });

  it('records a later change of a choice that was seen as an ordinary change', async () => {
    const [replica] = await sharedRecord({ type: 'Meeting' });
    await pushAndAdopt(api, BEN, [replica.edit({ type: 'Call' })]);
    await push(api, BEN, [replica.edit({ type: 'Site visit' }).row()]);
    const history = (await api.as(BEN, { method: 'GET', url: `/api/interactions/${replica.id}/history` })).json();
    expect(history.at(-1).changes).toEqual([{ field: 'type', from: 'Call', to: 'Site visit' }]);
  });

  it('refuses a document with a value that cannot be stored, and stores the rest of the batch', async () => {
    const good = Replica.create({ title: 'Fine' });
    const tooLong = Replica.create({ title: 'x'.repeat(100 * MERGED_TEXT_HEADROOM + 1) });
    const outcome = await push(api, BEN, [tooLong.row(), good.row()]);

    expect(outcome.conflicts).toEqual([]);
    expect(outcome.refused).toEqual([
      { id: tooLong.id, code: 'VALIDATION_FAILED', message: expect.any(String), fields: [{ field: 'title', message: expect.any(String) }] }
    ]);
    expect(await storedDocument(api, good.id)).toMatchObject({ title: 'Fine' });
    await expect(storedDocument(api, tooLong.id)).rejects.toThrow(/no interaction/);
  });

  it('refuses an edit that would make a stored record unstorable, and leaves the record alone', async () => {
    const [replica] = await sharedRecord();
    const before = await storedDocument(api, replica.id);
    replica.edit({ location: 'y'.repeat(200 * MERGED_TEXT_HEADROOM + 1) });
    const outcome = await push(api, BEN, [replica.row()]);
    expect(outcome.refused).toMatchObject([{ id: replica.id, code: 'VALIDATION_FAILED', fields: [{ field: 'location' }] }]);
    expect(await storedDocument(api, replica.id)).toEqual(before);
  });

  it('refuses a viewer’s push document by document with ROLE_FORBIDDEN, storing nothing', async () => {
    const [existing] = await sharedRecord();
    const before = await storedDocument(api, existing.id);
    const historyBefore = await historyCount(api, existing.id);
    const created = Replica.create({ title: 'From a viewer' });
    existing.edit({ title: 'Edited by a viewer' });

    const outcome = await push(api, CLEO, [created.row(), existing.row()]);
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.refused).toHaveLength(2);
    expect(outcome.refused).toEqual(
      expect.arrayContaining([
        { id: created.id, code: 'ROLE_FORBIDDEN', message: expect.any(String) },
        { id: existing.id, code: 'ROLE_FORBIDDEN', message: expect.any(String) }
      ])
    );
    expect(await storedDocument(api, existing.id)).toEqual(before);
    expect(await historyCount(api, existing.id)).toBe(historyBefore);
    await expect(storedDocument(api, created.id)).rejects.toThrow(/no interaction/);
  });

  it('refuses a user’s delete of someone else’s record, but takes their own', async () => {
    const adas = Replica.create({ title: 'Ada’s' });
    const bens = Replica.create({ title: 'Ben’s' });
    await pushAndAdopt(api, ADA, [adas]);
    await pushAndAdopt(api, BEN, [bens]);
    const outcome = await push(api, BEN, [adas.delete().row(), bens.delete().row()]);
    expect(outcome.refused).toEqual([{ id: adas.id, code: 'ROLE_FORBIDDEN', message: expect.any(String) }]);
    expect(await storedDocument(api, adas.id)).toMatchObject({ deleted: false });
    expect(await storedDocument(api, bens.id)).toMatchObject({ deleted: true });
  });

  it('refuses a document whose siteId is not the URL’s site with SITE_MISMATCH', async () => {
    const elsewhere = Replica.create({ title: 'Toronto’s' }, TORONTO.id);
    const outcome = await push(api, ADA, [elsewhere.row()], LEEDS.id);
    expect(outcome.refused).toEqual([{ id: elsewhere.id, code: 'SITE_MISMATCH', message: expect.any(String) }]);
    await expect(storedDocument(api, elsewhere.id)).rejects.toThrow(/no interaction/);
  });

  it('refuses a record of one site pushed to another with SITE_MISMATCH, not moving it', async () => {
    const [leeds] = await sharedRecord();
    // Ada is admin of both sites, and the document claims Toronto, matching the URL.
    const outcome = await push(api, ADA, [leeds.row({ siteId: TORONTO.id })], TORONTO.id);
    expect(outcome.refused).toEqual([{ id: leeds.id, code: 'SITE_MISMATCH', message: expect.any(String) }]);
    expect(await storedDocument(api, leeds.id)).toMatchObject({ siteId: LEEDS.id });
  });

  it.each([
    ['text that is not base64', 'not base64!'],
    ['bytes that are not a Yjs update', toBase64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))],
    ['an update that depends on history it does not carry', toBase64(incrementalUpdate())]
  ])('refuses %s with INVALID_STATE, storing the rest', async (_case, crdt) => {
    const broken = Replica.create();
    const good = Replica.create();
    const outcome = await push(api, BEN, [broken.row({ crdt }), good.row()]);
    expect(outcome.refused).toEqual([{ id: broken.id, code: 'INVALID_STATE', message: expect.any(String) }]);
    await expect(storedDocument(api, broken.id)).rejects.toThrow(/no interaction/);
    expect(await storedDocument(api, good.id)).toMatchObject({ id: good.id });
  });

  it('answers 403 to someone who is not a member of the site, storing nothing', async () => {
    const replica = Replica.create();
    const response = await api.as(EVE, { method: 'POST', url: `/api/sync/${LEEDS.id}/push`, payload: [replica.row()] });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json().error.code).toBe('SITE_FORBIDDEN');
    await expect(storedDocument(api, replica.id)).rejects.toThrow(/no interaction/);
  });

  it('answers 400 for a batch larger than the batch size', async () => {
    const row = Replica.create().row();
    const response = await api.as(BEN, {
      method: 'POST',
      url: `/api/sync/${LEEDS.id}/push`,
      payload: Array.from({ length: MAX_SYNC_BATCH + 1 }, () => row)
    });
    expect(response.statusCode, response.body).toBe(400);
  });

  it('writes nothing for a push of the state the server has', async () => {
    const [replica] = await sharedRecord();
    const before = await storedDocument(api, replica.id);
    const historyBefore = await historyCount(api, replica.id);
    const { checkpoint } = await pull(api, BEN, { limit: 1000 });

    expect(await push(api, BEN, [replica.row()])).toEqual({ conflicts: [], refused: [] });
    expect(await storedDocument(api, replica.id)).toEqual(before);
    expect(await historyCount(api, replica.id)).toBe(historyBefore);
    expect((await pull(api, BEN, { checkpoint })).documents).toEqual([]);
  });

  it('writes nothing, but answers with the master, for a stale replica that has nothing new', async () => {
    const [stale, current] = await sharedRecord();
    await pushAndAdopt(api, BEN, [current.edit({ title: 'Newer' })]);
    const before = await storedDocument(api, current.id);
    const outcome: PushResponse = await push(api, BEN, [stale.row()]);
    expect(outcome).toEqual({ conflicts: [before], refused: [] });
    expect(await storedDocument(api, current.id)).toEqual(before);
  });

  it.each([
    ['the delete first', true],
    ['the edit first', false]
  ])('keeps a record deleted when a concurrent edit arrives (%s)', async (_case, deleteFirst) => {
    const [deleting, editing] = await sharedRecord();
    deleting.delete();
    editing.edit({ title: 'Edited while deleted elsewhere' });
    const order = deleteFirst ? [deleting, editing] : [editing, deleting];
    for (const replica of order) await push(api, BEN, [replica.row()]);

    const stored = await storedDocument(api, deleting.id);
    expect(stored).toMatchObject({ deleted: true, title: 'Edited while deleted elsewhere' });
    expect(isInteractionDeleted(decodeInteractionState(fromBase64(stored.crdt)))).toBe(true);
    const { documents } = await pull(api, BEN, { limit: 1000 });
    expect(documents.find((document) => document.id === deleting.id)).toMatchObject({ deleted: true });
  });
});

/** A Yjs update that only makes sense on top of an earlier one. */
function incrementalUpdate(): Uint8Array {
  const doc = Replica.create().doc;
  const vector = Y.encodeStateVector(doc);
  doc.getMap('fields').set('type', 'Call');
  return Y.encodeStateAsUpdate(doc, vector);
}
