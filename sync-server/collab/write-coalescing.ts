import type { Duplex } from 'node:stream';

const corked = new Set<Duplex>();

/**
 * Holds the socket's writes until the event loop has handled every message that arrived with
 * this one, then sends them in one system call. A room sends each update to every other peer,
 * and on a busy room several updates arrive per turn of the loop: written one frame at a time,
 * the writes themselves (a syscall, and on loopback the receiver's wake-up) were most of the
 * server's time. Frames stay whole and in order; only when they leave changes.
 *
 * Uncorked in the check phase (setImmediate), so the delay is one turn of the loop and never a
 * timer; bytes held meanwhile count in `ws.bufferedAmount`, so the slow-consumer cap still sees them.
 */
export function coalesceWrites(socket: Duplex): void {
  if (corked.has(socket)) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  socket.cork();
  corked.add(socket);
}

function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}
