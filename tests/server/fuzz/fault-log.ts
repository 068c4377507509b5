/**
 * Distinct faults a fuzz run found, each with the routes it showed on and the shortest reproduction
 * seen. A run goes on after a fault, so one run reports every kind it hit rather than the first;
 * the test then fails listing them.
 */
export class FaultLog {
  private readonly faults = new Map<string, { count: number; where: Set<string>; reproduction: string }>();

  /** `fault` names what went wrong (`500 INTERNAL_ERROR`); `where` the route or message kind. */
  record(fault: string, where: string, reproduction: string): void {
    const known = this.faults.get(fault);
    if (!known) this.faults.set(fault, { count: 1, where: new Set([where]), reproduction });
    else {
      known.count += 1;
      known.where.add(where);
      if (reproduction.length < known.reproduction.length) known.reproduction = reproduction;
    }
  }

  /** One line per fault: what, where, how often, and the shortest reproduction. Empty when none. */
  summary(): string[] {
    return [...this.faults].map(
      ([fault, { count, where, reproduction }]) => `${fault} on ${[...where].join(', ')} (×${count}), e.g. ${reproduction}`
    );
  }
}
