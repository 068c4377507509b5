import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE, MAX_BUFFERED_BYTES } from '../../../sync-server/collab/close-codes';
import { servePeer } from '../../../sync-server/collab/connection';
import type { Room } from '../../../sync-server/collab/room';
import type { RoomRegistry } from '../../../sync-server/collab/room-registry';
import { waitFor } from '../../support/wait-for';

/** Just enough of a ws socket to see what the server sends and how it closes. */
class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  sent: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | undefined;
  constructor(public bufferedAmount: number) {
    super();
  }
  send(message: Uint8Array): void {
    this.sent.push(message);
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
}

function serve(bufferedAmount: number): FakeSocket {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, 'Some text.');
  const room = { doc, awareness: new Awareness(doc) } as unknown as Room;
  const registry = { join: async () => room, leave: () => undefined } as unknown as RoomRegistry;
  const ws = new FakeSocket(bufferedAmount);
  const log = { debug: () => undefined, error: () => undefined, warn: () => undefined } as never;
  servePeer({ ws: ws as unknown as WebSocket, socket: new PassThrough(), registry, siteId: 's', interactionId: 'i', userId: 'u', displayName: 'U', role: 'user', expiresAtMs: Date.now() + 60_000, log });
  return ws;
}

describe('a live-editing socket’s outgoing buffer', () => {
  it('sends while the socket’s buffer is under the cap', async () => {
    const ws = serve(0);
    await waitFor(() => ws.sent.length > 0, 'the first message');
    expect(ws.closedWith).toBeUndefined();
  });

  it('closes with 4508 instead of buffering past the cap', async () => {
    const ws = serve(MAX_BUFFERED_BYTES);
    await waitFor(() => ws.closedWith, 'the close');
    expect(ws.closedWith).toEqual({ code: CLOSE.SLOW_CONSUMER.code, reason: CLOSE.SLOW_CONSUMER.reason });
    expect(ws.sent).toHaveLength(0);
  });
});
