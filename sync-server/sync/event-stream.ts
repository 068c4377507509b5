import { PassThrough } from 'node:stream';
import type { StreamMessage } from '../../src/lib/domain/sync-protocol';

/** Most bytes a stream may have waiting for a slow client before it is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** A message as one server-sent event: serialised once, however many streams it goes to. */
export function messageFrame(message: StreamMessage): string {
  return `data: ${JSON.stringify(message)}\n\n`;
}

export function namedEventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by clients, it keeps proxies and the client's idle timer from closing the stream. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/**
 * The body of one server-sent event stream. Writes never wait: a client that reads slower than
 * changes arrive has its backlog counted, and once it passes the cap the stream is ended rather
 * than buffered without bound. The client reconnects and pulls from its own checkpoint.
 */
export class EventStream {
  readonly body = new PassThrough();

  get open(): boolean {
    return !this.body.destroyed && !this.body.writableEnded;
  }

  write(frame: string): void {
    if (!this.open) return;
    // Only a backlog the client left unread counts: one frame larger than the cap (a batch of long
    // records) still goes to a client that keeps up. The most held is the cap plus one frame.
    if (this.body.writableLength + this.body.readableLength > MAX_BUFFERED_BYTES) {
      this.body.destroy();
      return;
    }
    this.body.write(frame);
  }

  end(frame?: string): void {
    if (this.open) this.body.end(frame);
  }
}
