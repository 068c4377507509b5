import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../../sync-server/collab/close-codes';
import { LEEDS, NAIROBI } from '../../../../sync-server/demo/demo-directory';
import { opened, openRaw, roomUrl } from '../../collab/collab-client';
import { leedsMeetingBody } from '../../helpers/interaction-body';
import { demoUser, openApiFixture, type ApiFixture } from '../../helpers/api-fixture';
import { testDatabases } from '../../helpers/test-databases';
import { carries, listen, openStream, type RefusedStream, type StreamClient } from '../../sync/event-stream-client';
import { pull, push, pushAndAdopt, Replica, storedDocument, UNTHROTTLED } from '../../sync/replica';

// Eve belongs to Nairobi only; Leeds is the site she attacks, naming its ids everywhere she can.
const EVE = demoUser('eve@example.org');
const BEN = demoUser('ben@example.org');
const ADA = demoUser('ada@example.org');
const SECRET = 'Quillwort Leeds secret';

describe.each(testDatabases)('a member of Nairobi naming Leeds’s records and site on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;
  let leedsRecord: Replica;

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: UNTHROTTLED });
    baseUrl = await listen(api.app);
    leedsRecord = Replica.create({ title: SECRET, description: `${SECRET}, described.`, notes: `${SECRET}, noted.` });
    await pushAndAdopt(api, BEN.email, [leedsRecord]);
    await pushAndAdopt(api, EVE.email, [Replica.create({ title: 'Eve’s own Nairobi record' }, NAIROBI.id)]);
  });
  afterAll(() => api?.dispose());

  const asEve = (request: InjectOptions) => api.as(EVE.email, request);

  /** Nothing of Leeds in an answer to Eve: not its record's text, not even the site's name. */
  function expectNothingOfLeeds(body: string): void {
    expect(body).not.toContain('Quillwort');
    expect(body).not.toContain(LEEDS.name);
  }

  function expectRefused(response: LightMyRequestResponse, status: number, code: string): void {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expectNothingOfLeeds(response.body);
  }

  async function leedsRecordUnchanged(): Promise<void> {
    expect(await storedDocument(api, leedsRecord.id)).toMatchObject({
      siteId: LEEDS.id,
      title: SECRET,
      notes: `${SECRET}, noted.`,
      deleted: false,
      createdBy: BEN.id,
      serverSeq: leedsRecord.master!.serverSeq
    });
  }

  describe('records by id: 404 INTERACTION_NOT_FOUND, as if they did not exist', () => {
    it.each([
      ['GET', ''],
      ['GET', '/history'],
      ['PATCH', ''],
      ['DELETE', '']
    ])('%s /api/interactions/:id%s', async (method, suffix) => {
      const response = await asEve({
        method: method as InjectOptions['method'],
        url: `/api/interactions/${leedsRecord.id}${suffix}`,
        ...(method === 'PATCH' ? { payload: { notes: 'Overwritten by Eve' } } : {})
      });
      expectRefused(response, 404, 'INTERACTION_NOT_FOUND');
      await leedsRecordUnchanged();
    });
  });

  describe('the site by id: 403 SITE_FORBIDDEN', () => {
    it.each([
      ['GET /api/interactions?siteId=', { method: 'GET', url: `/api/interactions?siteId=${LEEDS.id}` }],
      ['GET /api/search/interactions?siteId=', { method: 'GET', url: `/api/search/interactions?q=Quillwort&siteId=${LEEDS.id}` }],
      ['POST /api/interactions', { method: 'POST', url: '/api/interactions', payload: leedsMeetingBody({ title: 'Eve in Leeds' }) }],
      ['GET /api/sync/:siteId/pull', { method: 'GET', url: `/api/sync/${LEEDS.id}/pull` }],
      [
        'POST /api/sync/:siteId/push',
        { method: 'POST', url: `/api/sync/${LEEDS.id}/push`, payload: [Replica.create({ title: 'Eve pushing into Leeds' }).row()] }
      ]
    ] as [string, InjectOptions][])('%s', async (_route, request) => {
      const [interactionsBefore, membershipsBefore] = await Promise.all([rowsOf('interactions'), rowsOf('user_sites')]);

      expectRefused(await asEve(request), 403, 'SITE_FORBIDDEN');

      expect(await rowsOf('interactions')).toEqual(interactionsBefore);
      expect(await rowsOf('user_sites')).toEqual(membershipsBefore);
    });

    it('GET /api/sync/:siteId/stream answers 403 before streaming anything', async () => {
      const refused = (await openStream(baseUrl, LEEDS.id, await api.token(EVE.email))) as RefusedStream;
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('SITE_FORBIDDEN');
      expectNothingOfLeeds(JSON.stringify(refused.body));
    });
  });

  describe('the site by id in administration: 404 SITE_NOT_FOUND, the site invisible', () => {
    it.each([
      ['GET /api/sites/:siteId/members', { method: 'GET', url: `/api/sites/${LEEDS.id}/members` }],
      [
        'PUT /api/sites/:siteId/members/:userId (herself as admin)',
        { method: 'PUT', url: `/api/sites/${LEEDS.id}/members/${EVE.id}`, payload: { role: 'admin' } }
      ],
      ['DELETE /api/sites/:siteId/members/:userId (its admin)', { method: 'DELETE', url: `/api/sites/${LEEDS.id}/members/${ADA.id}` }],
      [
        'POST /api/sites/:siteId/invitations (herself as admin)',
        { method: 'POST', url: `/api/sites/${LEEDS.id}/invitations`, payload: { email: EVE.email, role: 'admin' } }
      ],
      ['PATCH /api/sites/:siteId', { method: 'PATCH', url: `/api/sites/${LEEDS.id}`, payload: { interactionTypes: ['Eve'] } }],
      ['GET /api/sites/:siteId/audit', { method: 'GET', url: `/api/sites/${LEEDS.id}/audit` }]
    ] as [string, InjectOptions][])('%s', async (_route, request) => {
      const [sitesBefore, membershipsBefore] = await Promise.all([rowsOf('sites'), rowsOf('user_sites')]);

      const refused = await asEve(request);
      expectRefused(refused, 404, 'SITE_NOT_FOUND');

      expect(await rowsOf('sites')).toEqual(sitesBefore);
      expect(await rowsOf('user_sites')).toEqual(membershipsBefore);
    });
  });

  describe('across her own sites: answers hold nothing of Leeds', () => {
    it.each(['/api/interactions?limit=100', '/api/search/interactions?q=Quillwort&limit=100', '/api/sites', '/api/users/sites'])(
      'GET %s',
      async (url) => {
        const response = await asEve({ method: 'GET', url });
        expect(response.statusCode, response.body).toBe(200);
        expectNothingOfLeeds(response.body);
      }
    );

    it('a pull of Nairobi holds no Leeds document', async () => {
      const page = await pull(api, EVE.email, { limit: 2000 }, NAIROBI.id);
      expect(page.documents.length).toBeGreaterThan(0);
      expect(new Set(page.documents.map((document) => document.siteId))).toEqual(new Set([NAIROBI.id]));
      expectNothingOfLeeds(JSON.stringify(page));
    });

    it('her Nairobi stream carries no Leeds write, though it carries the Nairobi write made after it', async () => {
      const stream = (await openStream(baseUrl, NAIROBI.id, await api.token(EVE.email))) as StreamClient;
      try {
        const leedsEdit = Replica.fromServer(await storedDocument(api, leedsRecord.id)).edit({ location: 'Quillwort room' });
        await pushAndAdopt(api, BEN.email, [leedsEdit]);
        leedsRecord.master = leedsEdit.master;
        const nairobiAfter = Replica.create({ title: 'Nairobi, after the Leeds write' }, NAIROBI.id);
        await pushAndAdopt(api, EVE.email, [nairobiAfter]);

        await stream.waitFor(carries(nairobiAfter.id), 'the later Nairobi write');
        expect(stream.documents().map((document) => document.siteId)).not.toContain(LEEDS.id);
        expectNothingOfLeeds(JSON.stringify(stream.events));
      } finally {
        stream.close();
      }
    });
  });

  describe('a Leeds id reused in her own site', () => {
    it('POST /api/interactions: 409 ID_UNAVAILABLE, as for an id taken in her site', async () => {
      const ownRecord = Replica.create({}, NAIROBI.id);
      await pushAndAdopt(api, EVE.email, [ownRecord]);
      const create = (id: string) =>
        asEve({ method: 'POST', url: '/api/interactions', payload: leedsMeetingBody({ siteId: NAIROBI.id, id }) });

      const takenInLeeds = await create(leedsRecord.id);
      const takenInNairobi = await create(ownRecord.id);

      expectRefused(takenInLeeds, 409, 'ID_UNAVAILABLE');
      expect(takenInLeeds.json().error).not.toHaveProperty('fields');
      const { requestId: _a, ...leedsAnswer } = takenInLeeds.json().error;
      const { requestId: _b, ...nairobiAnswer } = takenInNairobi.json().error;
      expect(leedsAnswer).toEqual(nairobiAnswer);
      await leedsRecordUnchanged();
    });

    it('pushed: refused with SITE_MISMATCH, sends nothing of the record back and leaves it alone', async () => {
      const forged = Replica.create({ title: 'Eve’s takeover', notes: 'Overwritten by Eve' }, NAIROBI.id);
      const row = { ...forged.row(), newDocumentState: { ...forged.row().newDocumentState, id: leedsRecord.id } };

      const response = await asEve({ method: 'POST', url: `/api/sync/${NAIROBI.id}/push`, payload: [row] });

      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        conflicts: [],
        refused: [{ id: leedsRecord.id, code: 'SITE_MISMATCH', message: expect.any(String) }]
      });
      expectNothingOfLeeds(response.body);
      await leedsRecordUnchanged();
    });

    it('pushed claiming Leeds: refused with SITE_MISMATCH', async () => {
      const outcome = await push(api, EVE.email, [leedsRecord.row()], NAIROBI.id);
      expect(outcome).toEqual({
        conflicts: [],
        refused: [{ id: leedsRecord.id, code: 'SITE_MISMATCH', message: expect.any(String) }]
      });
      await leedsRecordUnchanged();
    });
  });

  describe('the live-editing socket: 4403 before any of the document', () => {
    it.each([
      ['the Leeds room of a Leeds record', LEEDS.id],
      ['a Leeds record named under her own site', NAIROBI.id]
    ])('%s', async (_case, siteId) => {
      const socket = openRaw(roomUrl(baseUrl, { id: leedsRecord.id, siteId, token: await api.token(EVE.email) }));
      expect(await socket.closed).toEqual({ code: CLOSE.FORBIDDEN.code, reason: CLOSE.FORBIDDEN.reason });
      expect(socket.messages).toEqual([]);
      expect(api.app.collabRooms.size).toBe(0);
    });

    it('admits her to a Nairobi record of her own (the control)', async () => {
      const own = Replica.create({}, NAIROBI.id);
      await pushAndAdopt(api, EVE.email, [own]);
      const socket = openRaw(roomUrl(baseUrl, { id: own.id, siteId: NAIROBI.id, token: await api.token(EVE.email) }));
      await opened(socket);
      socket.ws.close();
      await socket.closed;
    });
  });

  async function rowsOf(table: 'interactions' | 'user_sites' | 'sites'): Promise<unknown[]> {
    const sql = {
      interactions: 'SELECT id, site_id, server_seq, deleted FROM interactions ORDER BY id',
      user_sites: 'SELECT user_id, site_id, role FROM user_sites ORDER BY user_id, site_id',
      sites: 'SELECT id, name, interaction_types, archived_at FROM sites ORDER BY id'
    }[table];
    return (await api.db.query(sql)).rows;
  }
});
