import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/lib/domain';
import { LEEDS } from '../../../sync-server/demo/demo-directory';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { leedsMeetingBody } from '../helpers/interaction-body';
import { testDatabases } from '../helpers/test-databases';
import { Replica, UNTHROTTLED, pullAll, push, storedDocument } from '../sync/replica';

const ADA = demoUser('ada@example.org');
const BEN = demoUser('ben@example.org');

interface HistoryEntryBody {
  action: string;
  changedFields: string[];
  changes: { field: string; from: unknown; to: unknown }[];
  user: { id: string; name: string };
  userId: string;
  userName: string;
  authoredAt: string;
  receivedAt: string;
}

// Who made a record and who last changed it, and what each write changed from what to what, on
// every write path: REST create (the one-statement path and the full one), edit and delete, and
// replication's push (which live rooms write through too).
describe.each(testDatabases)('record provenance on $kind', (testDatabase) => {
  let api: ApiFixture;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
  });
  afterAll(() => api?.dispose());

  async function history(email: string, id: string): Promise<HistoryEntryBody[]> {
    const response = await api.as(email, { method: 'GET', url: `/api/interactions/${id}/history` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function storedUpdatedBy(id: string): Promise<string> {
    const { rows } = await api.db.query<{ updatedBy: string }>('SELECT updated_by AS "updatedBy" FROM interactions WHERE id = $1', [id]);
    return rows[0].updatedBy;
  }

  async function create(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const response = await api.as(BEN.email, { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody(overrides) });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  describe('POST /api/interactions', () => {
    it('answers with the creator as the last to change it, and names them', async () => {
      const record = await create({ title: 'Provenance create' });
      expect(record).toMatchObject({
        createdBy: BEN.id,
        createdByName: BEN.name,
        updatedBy: BEN.id,
        updatedByName: BEN.name
      });
      expect(await storedUpdatedBy(record.id as string)).toBe(BEN.id);
    });

    it('records each field that holds a value, from null, and leaves out the empty ones', async () => {
      const record = await create({ title: 'Provenance fields', location: null, notes: null });
      const [entry] = await history(BEN.email, record.id as string);
      expect(entry.action).toBe('create');
      expect(entry.changes.map(({ field }) => field)).toEqual([
        'title',
        'type',
        'lead',
        'startDatetime',
        'endDatetime',
        'timezone',
        'description'
      ]);
      expect(entry.changes[0]).toEqual({ field: 'title', from: null, to: 'Provenance fields' });
      expect(entry.changes.every(({ from }) => from === null)).toBe(true);
    });

    it('writes the same changes on the full path, which a site type unknown to the cache takes', async () => {
      // A type the site does not allow fails the one-statement create; the full path then refuses it.
      // A site whose types changed behind the cache's back is the real case: the full path stores it.
      await create({ title: 'Fills the cache of site types' });
      await api.db.query(`UPDATE sites SET interaction_types = array_append(interaction_types, 'Drop-in') WHERE id = $1`, [LEEDS.id]);
      const record = await create({ title: 'Provenance full path', type: 'Drop-in' });
      const [entry] = await history(BEN.email, record.id as string);
      expect(entry.changes).toContainEqual({ field: 'type', from: null, to: 'Drop-in' });
      expect(record).toMatchObject({ updatedBy: BEN.id, updatedByName: BEN.name });
    });
  });

  describe('PATCH /api/interactions/:id', () => {
    it('makes the editor the last to change the record and records each field from and to', async () => {
      const record = await create({ title: 'Before the edit', location: null });
      const response = await api.as(ADA.email, {
        method: 'PATCH',
        url: `/api/interactions/${record.id}`,
        payload: { title: 'After the edit', location: 'Room 4' }
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        createdBy: BEN.id,
        createdByName: BEN.name,
        updatedBy: ADA.id,
        updatedByName: ADA.name
      });
      expect(await storedUpdatedBy(record.id as string)).toBe(ADA.id);

      const entries = await history(BEN.email, record.id as string);
      expect(entries.map(({ action }) => action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        user: { id: ADA.id, name: ADA.name },
        userId: ADA.id,
        userName: ADA.name,
        changedFields: ['title', 'location'],
        changes: [
          { field: 'title', from: 'Before the edit', to: 'After the edit' },
          { field: 'location', from: null, to: 'Room 4' }
        ]
      });
    });

    it('records a moved start as instants, compared as moments, not as the text sent', async () => {
      const record = await create({ startDatetime: '2020-05-04T09:00:00Z' });
      await api.as(BEN.email, {
        method: 'PATCH',
        url: `/api/interactions/${record.id}`,
        // The same moment in another offset is no change; an hour later is.
        payload: { startDatetime: '2020-05-04T09:30:00+00:00', endDatetime: '2026-05-04T11:00:00+01:00' }
      });
      const [, entry] = await history(BEN.email, record.id as string);
      expect(entry.changes).toHaveLength(1);
      expect(entry.changes[0].field).toBe('startDatetime');
      expect(Date.parse(entry.changes[0].from as string)).toBe(Date.parse('2020-05-04T09:00:00Z'));
      expect(Date.parse(entry.changes[0].to as string)).toBe(Date.parse('2020-05-04T09:30:00Z'));
    });
  });

  describe('DELETE /api/interactions/:id', () => {
    it('records the deletion as deleted from false to true, by the one who deleted it', async () => {
      const record = await create({ title: 'To be deleted' });
      const response = await api.as(ADA.email, { method: 'DELETE', url: `/api/interactions/${record.id}` });
      expect(response.statusCode).toBe(204);
      expect(await storedUpdatedBy(record.id as string)).toBe(ADA.id);
      const entries = await history(ADA.email, record.id as string);
      expect(entries.at(-1)).toMatchObject({
        action: 'delete',
        user: { id: ADA.id, name: ADA.name },
        changedFields: ['deleted'],
        changes: [{ field: 'deleted', from: false, to: true }]
      });
    });
  });

  describe('POST /api/sync/:siteId/push', () => {
    it('records a pushed create and a pushed edit by another member, with the edit’s authored time', async () => {
      const replica = Replica.create({ title: 'Pushed record', notes: null });
      expect((await push(api, BEN.email, [replica.row()])).refused).toEqual([]);
      replica.master = await storedDocument(api, replica.id);

      const other = Replica.fromServer(replica.master).edit({ title: 'Pushed and edited offline' });
      const madeOffline = '2021-03-02T08:00:00.000Z';
      const row = other.row();
      row.newDocumentState.updatedAt = madeOffline;
      expect((await push(api, ADA.email, [row])).refused).toEqual([]);

      const stored = await storedDocument(api, replica.id);
      expect(stored).toMatchObject({ createdBy: BEN.id, createdByName: BEN.name, updatedBy: ADA.id, updatedByName: ADA.name });

      const [created, edited] = await history(BEN.email, replica.id);
      expect(created.changes).toContainEqual({ field: 'title', from: null, to: 'Pushed record' });
      expect(created.changes.some(({ field }) => field === 'notes')).toBe(false);
      expect(edited).toMatchObject({
        action: 'update',
        user: { id: ADA.id, name: ADA.name },
        changes: [{ field: 'title', from: 'Pushed record', to: 'Pushed and edited offline' }],
        authoredAt: madeOffline
      });
      expect(Date.parse(edited.receivedAt) - Date.parse(edited.authoredAt)).toBeGreaterThan(60_000);
    });
  });

  describe('GET /api/sync/:siteId/pull', () => {
    it('sends who created and who last changed each document, by name', async () => {
      const record = await create({ title: 'Pulled provenance' });
      await api.as(ADA.email, { method: 'PATCH', url: `/api/interactions/${record.id}`, payload: { title: 'Pulled, edited' } });
      const { documents } = await pullAll(api, BEN.email, { limit: 500 });
      const pulled = documents.filter((document) => document.id === record.id).at(-1);
      expect(pulled).toMatchObject({ createdByName: BEN.name, updatedBy: ADA.id, updatedByName: ADA.name });
    });
  });

  describe('GET /api/interactions', () => {
    it('lists each record with who last changed it', async () => {
      const record = await create({ title: 'Listed provenance', lead: `Lead ${uuidv7()}` });
      const response = await api.as(BEN.email, { method: 'GET', url: '/api/interactions', query: { lead: record.lead as string } });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().items).toEqual([expect.objectContaining({ id: record.id, updatedByName: BEN.name })]);
    });
  });
});
