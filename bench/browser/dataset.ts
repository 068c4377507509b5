import { generateInteractions } from '../../sync-server/demo/generate-interactions';
import type { WireInteraction } from './pages/page-api';

/**
 * The demo generator's interactions (varied text, types, leads and two years of dates), all moved
 * into one site, in batches of `batchSize`, as the server would send them: metadata plus the Yjs
 * state. The same count always gives the same records.
 */
export function* interactionBatches(options: { siteId: string; count: number; batchSize: number }): Generator<WireInteraction[]> {
  let batch: WireInteraction[] = [];
  for (const { interaction } of generateInteractions({ count: options.count })) {
    batch.push({
      id: interaction.id,
      siteId: options.siteId,
      createdBy: interaction.createdBy,
      createdAt: interaction.createdAt,
      updatedAt: interaction.updatedAt,
      crdt: Buffer.from(interaction.crdt).toString('base64')
    });
    if (batch.length === options.batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
