import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FIELDS_MAP } from '../../../src/lib/domain/crdt';
import { testDatabases } from '../helpers/test-databases';
import { pushAndAdopt, Replica, storedDocument } from '../sync/replica';
import { connectPeer, listeningApi, roomsClosed, type Peer } from './collab-client';
import { waitFor } from '../../support/wait-for';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

/** Resolves with the code of the next close the peer's socket sees. */
function nextClose(peer: Peer): Promise<number> {
  return new Promise((resolve) => peer.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
}

// A peer that set a start in year 0 used to stay connected, and its room never saved again: every
// later edit by anyone in it was lost. The room must close that peer and keep the others' work.
describe.each(testDatabases)('a live edit that would make the record unstorable on $kind', (testDatabase) => {
  const server = listeningApi(testDatabase);

  it('closes the peer with 4400, relays nothing of it, and goes on storing the others’ edits', async () => {
    const { api, baseUrl } = server;
    const replica = Replica.create({ notes: 'Start.' });
    await pushAndAdopt(api, ADA, [replica]);
    const ada = await connectPeer({ baseUrl, token: await api.token(ADA), id: replica.id });
    const ben = await connectPeer({ baseUrl, token: await api.token(BEN), id: replica.id });
    try {
      const benClosed = nextClose(ben);
      ben.doc.getMap(FIELDS_MAP).set('startDatetime', '0000-01-01T00:00:00Z');
      expect(await benClosed).toBe(4400);

      // Ada never receives Ben's date, and her next edits are stored.
      await waitFor(() => ada.provider.synced && ada.provider.wsconnected, 'Ada to be connected again');
      ada.doc.getText('notes').insert(0, 'Ada was here. ');
      await waitFor(async () => (await storedDocument(api, replica.id)).notes?.startsWith('Ada was here.'), 'Ada’s edit stored');
      expect(ada.doc.getMap(FIELDS_MAP).get('startDatetime')).toBe(replica.doc.getMap(FIELDS_MAP).get('startDatetime'));
      expect((await storedDocument(api, replica.id)).startDatetime).toBe(replica.doc.getMap(FIELDS_MAP).get('startDatetime'));
    } finally {
      ada.destroy();
      ben.destroy();
    }
    await roomsClosed(api.app);
  });

  it('does not refuse an edit of a record stored with a value today’s rules refuse', async () => {
    const { api, baseUrl } = server;
    const replica = Replica.create({ notes: 'Start.' });
    await pushAndAdopt(api, ADA, [replica]);
    // Stored before the rule tightened (written here straight into the table).
    replica.doc.getMap(FIELDS_MAP).set('endDatetime', '0999-06-01T10:00:00Z');
    await api.db.query('UPDATE interactions SET crdt = $2 WHERE id = $1', [replica.id, Y.encodeStateAsUpdate(replica.doc)]);

    const ada = await connectPeer({ baseUrl, token: await api.token(ADA), id: replica.id });
    try {
      let closedWith: number | undefined;
      ada.provider.once('connection-close', (event: CloseEvent | null) => (closedWith = event?.code));
      const title = ada.doc.getText('title');
      ada.doc.transact(() => {
        title.delete(0, title.length);
        title.insert(0, 'Renamed live');
      });
      await waitFor(async () => (await storedDocument(api, replica.id)).title === 'Renamed live', 'the edit stored');
      expect(closedWith).toBeUndefined();
      expect((await storedDocument(api, replica.id)).needsReview).toBe(true);
    } finally {
      ada.destroy();
    }
    await roomsClosed(api.app);
  });
});
