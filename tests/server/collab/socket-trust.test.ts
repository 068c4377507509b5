import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE } from '../../../sync-server/collab/close-codes';
import { encodeAwarenessUpdate } from '../../../sync-server/collab/awareness-check';
import { awarenessMessage } from '../../../sync-server/collab/protocol';
import { demoUser, openApiFixture, type ApiFixture } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { pushAndAdopt, Replica } from '../sync/replica';
import { connectPeer, listen, opened, openRaw, roomsClosed, roomUrl, type Peer } from './collab-client';
import { tokenExpiringAt } from './short-lived-token';
import { waitFor } from '../../support/wait-for';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';
const CLEO = 'cleo@example.org';
// Few enough to reach in a test, enough for the suite's own requests (they count too, per user);
// every limit test speaks from its own address (TRUST_PROXY reads X-Forwarded-For), so counts stay apart.
const LIMIT = 20;
let nextAddress = 1;
const freshAddress = () => `203.0.113.${nextAddress++}`;

const nowInSeconds = () => Math.floor(Date.now() / 1000);

/** Answers the upgrade's HTTP status: 101 when the socket opened, else what refused it. */
function handshake(url: string, address: string): Promise<{ status: number; retryAfter?: string; ws?: WebSocket }> {
  const ws = new WebSocket(url, { headers: { 'x-forwarded-for': address } });
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] });
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

describe.each(testDatabases)('what the live-editing socket trusts, on $kind', (testDatabase) => {
  let api: ApiFixture;
  let baseUrl: string;
  const peers: Peer[] = [];

  beforeAll(async () => {
    api = await openApiFixture(testDatabase, { env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' } });
    baseUrl = await listen(api.app);
  });
  afterAll(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await api?.dispose();
  });

  async function record(): Promise<string> {
    const replica = Replica.create({ notes: 'Start.' });
    await pushAndAdopt(api, ADA, [replica]);
    return replica.id;
  }

  async function peer(email: string, id: string): Promise<Peer> {
    const connected = await connectPeer({ baseUrl, token: await api.token(email), id });
    peers.push(connected);
    return connected;
  }

  async function leaveAll(): Promise<void> {
    for (const one of peers.splice(0)) one.destroy();
    await roomsClosed(api.app);
  }

  describe('a token’s expiry', () => {
    it('closes the socket with 4401 “token expired” when the token it was opened with expires', async () => {
      const id = await record();
      const expSeconds = nowInSeconds() + 2;
      const socket = openRaw(roomUrl(baseUrl, { id, token: await tokenExpiringAt(api.app, BEN, expSeconds) }));
      await opened(socket);
      await waitFor(() => socket.messages.length > 0, 'the document to be served');

      const close = await socket.closed;
      expect(close).toEqual({ code: CLOSE.TOKEN_EXPIRED.code, reason: CLOSE.TOKEN_EXPIRED.reason });
      expect(Date.now()).toBeGreaterThanOrEqual(expSeconds * 1000);
      await roomsClosed(api.app);
    });

    it('closes at once, before any of the document, a token already past its exp but inside the clock tolerance', async () => {
      const id = await record();
      const socket = openRaw(roomUrl(baseUrl, { id, token: await tokenExpiringAt(api.app, BEN, nowInSeconds() - 10) }));
      expect(await socket.closed).toEqual({ code: CLOSE.TOKEN_EXPIRED.code, reason: CLOSE.TOKEN_EXPIRED.reason });
      expect(socket.messages).toEqual([]);
    });
  });

  describe('failed sign-ins', () => {
    it('are counted per address, and past the limit the upgrade is answered 429 with Retry-After', async () => {
      const id = await record();
      const address = freshAddress();
      const url = roomUrl(baseUrl, { id, token: 'not-a-token' });
      for (let attempt = 0; attempt < LIMIT; attempt++) {
        const { status, ws } = await handshake(url, address);
        expect(status).toBe(101);
        const code = await new Promise<number>((resolve) => ws!.on('close', (closeCode) => resolve(closeCode)));
        expect(code).toBe(CLOSE.UNAUTHENTICATED.code);
      }
      const refused = await handshake(url, address);
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);

      // Another address is not held back by this one.
      expect((await handshake(url, freshAddress())).status).toBe(101);
      // Nor is a good token from the same address: as on HTTP, signed-in users are not limited by address.
      const good = await handshake(roomUrl(baseUrl, { id, token: await api.token(BEN) }), address);
      expect(good.status).toBe(101);
      good.ws!.close();
      await roomsClosed(api.app);
    });

    it('share one count with the address’s refused HTTP requests', async () => {
      const id = await record();
      const address = freshAddress();
      for (let attempt = 0; attempt < LIMIT; attempt++) {
        const response = await api.app.inject({
          method: 'GET',
          url: '/api/interactions',
          headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': address }
        });
        expect(response.statusCode).toBe(401);
      }
      expect((await handshake(roomUrl(baseUrl, { id, token: 'not-a-token' }), address)).status).toBe(429);
      // And the other way round: the socket's refusal counted too, so HTTP from there is refused as well.
      const after = await api.app.inject({
        method: 'GET',
        url: '/api/interactions',
        headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': address }
      });
      expect(after.statusCode).toBe(429);
    });
  });

  describe('presence identity', () => {
    /** Every name and field another peer's awareness has shown for a client, as it arrived. */
    function watchStates(observer: Peer, clientId: number): { name?: unknown; field?: unknown }[] {
      const seen: { name?: unknown; field?: unknown }[] = [];
      observer.provider.awareness.on('change', () => {
        const state = observer.provider.awareness.getStates().get(clientId) as { user?: { name?: unknown }; field?: unknown } | undefined;
        if (state) seen.push({ name: state.user?.name, field: state.field });
      });
      return seen;
    }

    it('shows the name from the token, never the name a client announces for itself', async () => {
      const id = await record();
      const [ada, ben] = [await peer(ADA, id), await peer(BEN, id)];
      const seenByAda = watchStates(ada, ben.doc.clientID);
      ben.provider.awareness.setLocalState({ user: { name: demoUser(ADA).name, color: '#000000' }, field: 'notes' });

      await waitFor(() => seenByAda.some((state) => state.field === 'notes'), 'Ben’s presence to reach Ada');
      expect(seenByAda.map((state) => state.name)).not.toContain(demoUser(ADA).name);
      expect(seenByAda.at(-1)).toEqual({ name: demoUser(BEN).name, field: 'notes' });
      await leaveAll();
    });

    it('drops a state that claims another user’s id, and an entry for another user’s client', async () => {
      const id = await record();
      const [ada, ben, cleo] = [await peer(ADA, id), await peer(BEN, id), await peer(CLEO, id)];
      ada.provider.awareness.setLocalState({ user: { name: 'Ada' }, field: 'title' });
      const adaByCleo = watchStates(cleo, ada.doc.clientID);
      const benByCleo = watchStates(cleo, ben.doc.clientID);
      await waitFor(() => adaByCleo.some((state) => state.field === 'title'), 'Ada’s presence to reach Cleo');

      ben.provider.awareness.setLocalState({ user: { id: demoUser(ADA).id, name: 'Ada' }, field: 'claimed' });
      // Ada's own client id, with a clock far ahead of hers: it would replace her presence.
      const takeover = encodeAwarenessUpdate([{ clientId: ada.doc.clientID, clock: 1_000_000, state: { user: { name: 'Ada' }, field: 'taken' } }]);
      ben.provider.ws!.send(awarenessMessage(takeover));
      // The same socket's next state, after both: once it arrives, both were handled.
      ben.provider.awareness.setLocalState({ user: { name: 'Ben' }, field: 'after' });
      await waitFor(() => benByCleo.some((state) => state.field === 'after'), 'Ben’s last presence to reach Cleo');

      expect(benByCleo.map((state) => state.field)).not.toContain('claimed');
      expect(adaByCleo.map((state) => state.field)).not.toContain('taken');
      expect(cleo.provider.awareness.getStates().get(ada.doc.clientID)).toMatchObject({ field: 'title', user: { name: demoUser(ADA).name } });
      await leaveAll();
    });
  });
});
