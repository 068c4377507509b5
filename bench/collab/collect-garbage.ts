import type { ServerExtension } from '../lib/server-process';

/** The signal on which every server under test runs a full garbage collection. */
export const COLLECT_GARBAGE_SIGNAL = 'SIGUSR2';
/** The flag every server under test is started with, so that it can. */
export const EXPOSE_GC_FLAG = '--expose-gc';

/**
 * Installs, in a server's process, a full collection on COLLECT_GARBAGE_SIGNAL: RSS is sampled
 * after one, so a process still holding its start-up garbage does not make the rooms opened next
 * look free (or cost less than nothing), nor one that has not yet collected look dearer.
 */
export function collectGarbageOnSignal(): void {
  const { gc } = globalThis;
  if (!gc) throw new Error(`the server was started without ${EXPOSE_GC_FLAG}`);
  process.on(COLLECT_GARBAGE_SIGNAL, () => gc());
}

/** The same, as an extension of our server process (see ServerExtension). */
const extension: ServerExtension = () => collectGarbageOnSignal();
export default extension;
