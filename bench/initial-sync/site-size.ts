import { generateInteractions } from '../../sync-server/demo/generate-interactions';

/**
 * How many demo interactions to seed so that `siteId` gets exactly `documents` of them: the
 * generator spreads records over the three sites at random but always in the same order, and the
 * first records do not depend on the count asked for.
 */
export function seedCountFor(options: { siteId: string; documents: number }): number {
  let generated = 0;
  let inSite = 0;
  for (const { interaction } of generateInteractions({ count: Number.MAX_SAFE_INTEGER })) {
    generated++;
    if (interaction.siteId === options.siteId && ++inSite === options.documents) return generated;
  }
  throw new Error('unreachable: the generator is endless at this count');
}
