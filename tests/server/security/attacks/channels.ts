import { expect } from 'vitest';
import type { ApiFixture } from '../../helpers/api-fixture';
import { opened, openRaw, roomUrl } from '../../collab/collab-client';

import { isResync, openStream, type RefusedStream, type StreamClient } from '../../sync/event-stream-client';
import { waitFor } from '../../../support/wait-for';

/** A record of the site the attacks aim at, and a word only it contains, to spot it in any answer. */
export interface Target {
  siteId: string;
  recordId: string;
  marker: string;
}

/**
 * The three ways in that take an access token: an HTTP route, the live-editing socket and the
 * replication event stream. `admits` is the control that shows the probe can tell a yes from a no.
 */
export interface Channel {
  name: string;
  admits(token: string): Promise<void>;
  /** The answer to a token the server must not honour: the status (or close code) and nothing of the target. */
  refuses(token: string, refusal: { status: number; code: string; closeCode: number }): Promise<void>;
}

export function channels(api: ApiFixture, baseUrl: () => string, target: Target): Channel[] {
  const listSite = (token: string) =>
    api.app.inject({
      method: 'GET',
      url: `/api/interactions?siteId=${target.siteId}`,
      headers: { authorization: `Bearer ${token}` }
    });
  const room = (token: string) => openRaw(roomUrl(baseUrl(), { id: target.recordId, siteId: target.siteId, token }));

  return [
    {
      name: 'GET /api/interactions?siteId=',
      async admits(token) {
        const response = await listSite(token);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.body).toContain(target.marker);
      },
      async refuses(token, { status, code }) {
        const response = await listSite(token);
        expect(response.statusCode, response.body).toBe(status);
        expect(response.json().error.code).toBe(code);
        expect(response.body).not.toContain(target.marker);
      }
    },
    {
      name: 'the live-editing socket',
      async admits(token) {
        const socket = room(token);
        await opened(socket);
        // The room's first sync message: the socket was let in to the document.
        await waitFor(() => socket.messages.length > 0, 'the room to speak');
        socket.ws.close();
        await socket.closed;
      },
      async refuses(token, { closeCode }) {
        const socket = room(token);
        const { code } = await socket.closed;
        expect(code).toBe(closeCode);
        // Refused before it joins the room: not one byte of the document.
        expect(socket.messages).toEqual([]);
      }
    },
    {
      name: 'the event stream',
      async admits(token) {
        const stream = (await openStream(baseUrl(), target.siteId, token)) as StreamClient;
        expect('waitFor' in stream, JSON.stringify(stream)).toBe(true);
        await stream.waitFor(isResync, 'the first RESYNC');
        stream.close();
      },
      async refuses(token, { status, code }) {
        const refused = (await openStream(baseUrl(), target.siteId, token)) as RefusedStream;
        expect(refused.status, JSON.stringify(refused.body)).toBe(status);
        expect(refused.body.error?.code).toBe(code);
        expect(JSON.stringify(refused.body)).not.toContain(target.marker);
      }
    }
  ];
}
