/**
 * Undo steps registered as resources are created (temporary database, server process, folders),
 * run newest first. Each step runs even when an earlier one failed, so one stuck process cannot
 * leave a database behind.
 */
export class Cleanup {
  private readonly steps: { label: string; undo: () => Promise<void> | void }[] = [];
  private running?: Promise<void>;

  add(label: string, undo: () => Promise<void> | void): void {
    this.steps.push({ label, undo });
  }

  /** Safe to call twice (a signal during a failing run): both callers wait for the one pass. */
  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.undo();
      } catch (error) {
        console.error(`cleanup: could not ${step.label}:`, error);
      }
    }
  }
}
