import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEEDS } from '../../sync-server/demo/demo-directory';
import { connectPeer, roomsClosed } from './collab/collab-client';
import { openApiFixture, type ApiFixture } from './helpers/api-fixture';
import { testDatabases } from './helpers/test-databases';
import { isResync, listen, openStream } from './sync/event-stream-client';
import { waitFor } from '../support/wait-for';
import { validFields } from '../support/valid-fields';

describe('GET /metrics: what is open on this instance', () => {
  let api: ApiFixture;
  let baseUrl: string;

  beforeAll(async () => {
    api = await openApiFixture(testDatabases[0]);
    baseUrl = await listen(api.app);
  });
  afterAll(() => api?.dispose());

  async function gauge(name: string): Promise<number> {
    const body = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    const line = body.split('\n').find((entry) => entry.startsWith(`${name} `));
    if (!line) throw new Error(`no ${name} in the metrics`);
    return Number(line.split(' ')[1]);
  }

  it('counts event streams as they open and end', async () => {
    expect(await gauge('sync_streams_open')).toBe(0);
    const stream = await openStream(baseUrl, LEEDS.id, await api.token('ben@example.org'));
    if ('status' in stream) throw new Error(`stream refused: ${stream.status}`);
    await stream.waitFor(isResync, 'RESYNC');
    expect(await gauge('sync_streams_open')).toBe(1);
    stream.close();
    await waitFor(async () => (await gauge('sync_streams_open')) === 0, 'the stream to be counted out');
  });

  it('counts live-editing rooms and their sockets', async () => {
    const created = await api.as('ada@example.org', {
      method: 'POST',
      url: '/api/interactions',
      payload: { siteId: LEEDS.id, ...validFields() }
    });
    const id = created.json().id as string;
    const peers = [
      await connectPeer({ baseUrl, token: await api.token('ada@example.org'), id }),
      await connectPeer({ baseUrl, token: await api.token('ben@example.org'), id })
    ];
    expect(await gauge('collab_rooms_open')).toBe(1);
    expect(await gauge('collab_sockets_open')).toBe(2);
    for (const peer of peers) peer.destroy();
    await roomsClosed(api.app);
    expect(await gauge('collab_rooms_open')).toBe(0);
    expect(await gauge('collab_sockets_open')).toBe(0);
  });
});
