import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineSnapshot {
  node: string;
  platform: string;
  cpus: number;
  cpuModel?: string;
  memoryGiB: number;
  /** 1-minute load average when the suite started: other work on the machine skews every figure. */
  loadAverage: number;
}

export function machineSnapshot(): MachineSnapshot {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverage: Number(loadavg()[0].toFixed(2))
  };
}

/** One line for the output, with a warning when the machine was already busy before the run. */
export function describeMachine(machine: MachineSnapshot): string {
  const line = `${machine.cpus} CPUs, Node ${machine.node}, load average ${machine.loadAverage}`;
  // Half the cores busy already: server, Postgres and load generator will not get the machine.
  return machine.loadAverage > machine.cpus / 2
    ? `${line}: BUSY before the run, so the figures understate what the server can do`
    : line;
}
