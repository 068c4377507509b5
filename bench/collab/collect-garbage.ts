import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerExtension } from '../lib/server-process';

/** The signal on which every server under test runs a full garbage collection. */
export const COLLECT_GARBAGE_SIGNAL = 'SIGUSR2';
/** The flag every server under test is started with, so that it can. */
export const EXPOSE_GC_FLAG = '--expose-gc';

/** Where process `pid` writes its process.memoryUsage() after each collection the signal asks for. */
export function memoryReportPath(pid: number): string {
  return join(tmpdir(), `ims-bench-collab-memory-${pid}.json`);
}

/**
 * Installs, in a server's process, a full collection on COLLECT_GARBAGE_SIGNAL, then a report of
 * what it holds: RSS sampled after one does not count start-up garbage as the rooms opened next
 * (it made Hocuspocus's rooms come out between -20 and +39 KB each), and the V8 heap it reports is
 * what the rooms and clients keep, without the megabyte steps in which RSS grows.
 */
export function collectGarbageOnSignal(): void {
  const { gc } = globalThis;
  if (!gc) throw new Error(`the server was started without ${EXPOSE_GC_FLAG}`);
  process.on(COLLECT_GARBAGE_SIGNAL, () => {
    gc();
    writeFileSync(memoryReportPath(process.pid), JSON.stringify(process.memoryUsage()));
  });
}

/** The same, as an extension of our server process (see ServerExtension). */
const extension: ServerExtension = () => collectGarbageOnSignal();
export default extension;
