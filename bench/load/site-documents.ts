import { MAX_SYNC_BATCH, type PullResponse, type SyncDocument } from '../../src/lib/domain/sync-protocol';
import { BenchClient, requestToken } from '../sync/http-client';

/**
 * The first `count` live records of a site in commit order, pulled as `email` sees them, each at
 * its current version. Records no earlier run edited come first (an edit moves a record to the end
 * of the order), so a run mostly edits records with short histories, as a fresh database has them.
 */
export async function firstDocuments(options: { url: string; email: string; siteId: string; count: number }): Promise<SyncDocument[]> {
  const client = new BenchClient({ url: options.url, token: await requestToken(options.url, options.email), sockets: 1 });
  const documents: SyncDocument[] = [];
  let checkpoint = '';
  try {
    while (documents.length < options.count) {
      const limit = Math.min(MAX_SYNC_BATCH, options.count - documents.length);
      const path = `/api/sync/${options.siteId}/pull?limit=${limit}&checkpoint=${encodeURIComponent(checkpoint)}`;
      const page = JSON.parse(await client.request('GET', path)) as PullResponse;
      documents.push(...page.documents.filter((document) => !document.deleted));
      if (page.documents.length < limit || !page.checkpoint) break;
      checkpoint = page.checkpoint;
    }
  } finally {
    client.close();
  }
  if (documents.length < options.count) {
    throw new Error(`site ${options.siteId} has ${documents.length} records for its devices, which need ${options.count}: raise BENCH_INTERACTIONS`);
  }
  return documents;
}
