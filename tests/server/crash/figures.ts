import type { Disruptions } from './crash-client';
import type { Writer, WriterTally } from './writer';

export interface CrashFigures {
  seed: number;
  cycles: number;
  writers: readonly Writer[];
  disruptions: Disruptions;
  serverStartsMs: readonly number[];
  /** Times the server exited without being killed by the test. */
  serverCrashes: number;
  clusterStartMs: number;
  postgresRestartMs: number;
  /** Records of the site compared at the end (the full pull's size). */
  recordsChecked: number;
  totalMs: number;
  /** The machine's 1, 5 and 15 minute load averages at the end. */
  load: readonly number[];
}

/** The run's figures as a few lines for the test output. */
export function formatFigures(figures: CrashFigures): string {
  const total = (key: keyof WriterTally) => figures.writers.reduce((sum, writer) => sum + writer.tally[key], 0);
  const { connection, unavailable, serverErrors, hangs } = figures.disruptions;
  const starts = figures.serverStartsMs;
  const restarts = starts.slice(1);
  return [
    `crash test (seed ${figures.seed}): ${figures.cycles} kills survived, 1 Postgres restart (${figures.postgresRestartMs} ms), ${(figures.totalMs / 1000).toFixed(1)} s in all`,
    `  acknowledged: ${total('creates')} creates, ${total('edits')} edits, ${total('deletes')} deletes, ` +
      `${total('pushedDocuments')} pushed documents in ${total('pushBatches')} batches`,
    `  answered after a lost attempt: ${total('retried')} (of them, creates answered 200 as stored by the lost attempt: ${total('createsFoundOnRetry')})`,
    `  lost attempts: ${connection} cut connections, ${unavailable} 503, ${serverErrors.length} other 5xx, ${hangs.length} hangs; ` +
      `the server crashed by itself ${figures.serverCrashes} times`,
    `  checked: ${figures.recordsChecked} records of the site against acknowledged writes, history and both pulls`,
    `  private Postgres initdb + start ${figures.clusterStartMs} ms; server start ${starts[0]} ms, ${starts.length - 1} restarts ` +
      `${median(restarts)} ms median, ${Math.max(...restarts)} ms slowest; load ${figures.load.map((value) => value.toFixed(2)).join(' ')}`
  ].join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
