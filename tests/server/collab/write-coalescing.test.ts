import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../../sync-server/collab/write-coalescing';
import { waitFor } from '../../support/wait-for';

/** A socket that records each call down to the system: one array of chunks per write or writev. */
function recordingSocket(): { socket: Duplex; calls: string[][] } {
  const calls: string[][] = [];
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      calls.push([chunk.toString()]);
      callback();
    },
    writev(chunks, callback) {
      calls.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      callback();
    }
  });
  return { socket, calls };
}

describe('coalesceWrites', () => {
  it('sends the writes of one turn of the event loop in one call, in order', async () => {
    const { socket, calls } = recordingSocket();
    for (const frame of ['one', 'two', 'three']) {
      coalesceWrites(socket);
      socket.write(frame);
    }
    expect(calls).toEqual([]);
    await waitFor(() => calls.length > 0, 'the held writes');
    expect(calls).toEqual([['one', 'two', 'three']]);
  });

  it('counts held bytes as buffered, so the slow-consumer cap still sees them', () => {
    const { socket } = recordingSocket();
    coalesceWrites(socket);
    socket.write('twelve bytes');
    expect(socket.writableLength).toBe(12);
  });

  it('holds each socket on its own, and lets every one go', async () => {
    const [first, second] = [recordingSocket(), recordingSocket()];
    coalesceWrites(first.socket);
    first.socket.write('a');
    coalesceWrites(second.socket);
    second.socket.write('b');
    await waitFor(() => first.calls.length > 0 && second.calls.length > 0, 'both sockets’ writes');
    expect([first.calls, second.calls]).toEqual([[['a']], [['b']]]);
  });
});
