import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/test-databases';
import { openTwoInstances, type TwoInstances } from '../helpers/two-instances';
import { Replica } from '../sync/replica';
import { connectPeer, roomsClosed, type Peer } from './collab-client';
import { waitFor } from '../../support/wait-for';

const ADA = 'ada@example.org';
const BEN = 'ben@example.org';

// PGlite is one process's embedded database: only Postgres can have two server instances.
const postgres = testDatabases.find((candidate) => candidate.kind === 'postgres');

describe.skipIf(!postgres)('live editing across two server instances on one Postgres', () => {
  let instances: TwoInstances;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let firstUrl: string;
  let secondUrl: string;
  const peers: Peer[] = [];

  beforeAll(async () => {
    instances = await openTwoInstances(postgres!);
    ({ first, second, firstUrl, secondUrl } = instances);
  });
  afterAll(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await instances?.close();
  });

  /** One dev issuer key serves both: they share the test's data folder, as instances share a key. */
  async function token(email: string): Promise<string> {
    const response = await first.inject({ method: 'POST', url: '/api/auth/dev/token', payload: { email } });
    return response.json().access_token;
  }

  it('carries edits between rooms of the same record on different instances, both ways', async () => {
    const replica = Replica.create({ notes: 'Shared.' });
    const created = await first.inject({
      method: 'POST',
      url: `/api/sync/${replica.siteId}/push`,
      headers: { authorization: `Bearer ${await token(ADA)}` },
      payload: [replica.row()]
    });
    expect(created.json()).toEqual({ conflicts: [], refused: [] });

    const onFirst = await connectPeer({ baseUrl: firstUrl, token: await token(ADA), id: replica.id });
    const onSecond = await connectPeer({ baseUrl: secondUrl, token: await token(BEN), id: replica.id });
    peers.push(onFirst, onSecond);
    onFirst.doc.getText('notes').insert(0, 'From the first. ');
    await waitFor(() => onSecond.notes().startsWith('From the first. '), 'the first instance’s edit on the second', 15_000);
    onSecond.doc.getText('notes').insert(onSecond.notes().length, ' From the second.');
    await waitFor(() => onFirst.notes().endsWith(' From the second.'), 'the second instance’s edit on the first', 15_000);
    expect(onFirst.notes()).toBe(onSecond.notes());

    for (const peer of peers.splice(0)) peer.destroy();
    await roomsClosed(first);
    await roomsClosed(second);
    const { rows } = await instances.db.query<{ notes: string }>('SELECT notes FROM interactions WHERE id = $1', [replica.id]);
    expect(rows[0].notes).toBe('From the first. Shared. From the second.');
  });
});
