import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readInteractionFields } from '../../../src/lib/domain/crdt';
import { demoUser } from '../helpers/api-fixture';
import { testDatabases } from '../helpers/test-databases';
import { push, pushAndAdopt, Replica, storedDocument, toBase64 } from '../sync/replica';
import { connectPeer, listeningApi, roomsClosed } from './collab-client';
import { waitFor } from '../../support/wait-for';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

// A form open on a record stores on its device whatever the room relays to it, and that device's
// replication pushes it. When that push reached the server before the room had saved the edit,
// the history named the person who merely had the record open, not the one who typed.
describe.each(testDatabases)('an edit relayed by the live room, pushed by a bystander, on $kind', (testDatabase) => {
  const server = listeningApi(testDatabase);

  it('is named in the history and the record as its author’s, not the bystander’s', async () => {
    const { api, baseUrl } = server;
    const replica = Replica.create({ title: 'Allotment handover' });
    await pushAndAdopt(api, ADA, [replica]);
    const ada = await connectPeer({ baseUrl, token: await api.token(ADA), id: replica.id });
    const ben = await connectPeer({ baseUrl, token: await api.token(BEN), id: replica.id });
    try {
      const title = ada.doc.getText('title');
      title.insert(title.length, ' (signed)');
      await waitFor(() => readInteractionFields(ben.doc).title === 'Allotment handover (signed)', 'Ben’s form to receive Ada’s title');

      // Ben's device stores what it received and pushes it at once, well inside the room's save delay.
      const outcome = await push(api, BEN, [replica.row({ crdt: toBase64(Y.encodeStateAsUpdate(ben.doc)) })]);
      expect(outcome.refused).toEqual([]);

      const stored = await storedDocument(api, replica.id);
      expect(stored.title).toBe('Allotment handover (signed)');
      expect(stored.updatedBy).toBe(demoUser(ADA).id);
      const { rows } = await api.db.query<{ user_id: string; changed_fields: string[] }>(
        'SELECT user_id, changed_fields FROM interaction_history WHERE interaction_id = $1 ORDER BY id',
        [replica.id]
      );
      expect(rows).toEqual([
        { user_id: demoUser(ADA).id, changed_fields: expect.any(Array) },
        { user_id: demoUser(ADA).id, changed_fields: ['title'] }
      ]);
    } finally {
      ada.destroy();
      ben.destroy();
    }
    await roomsClosed(api.app);
  });
});
