import { removeKeywordIndex } from './keyword/keyword-indexing';
import { removeSemanticIndex } from './semantic/semantic-indexing';

/** Deletes what search keeps on the device for a site, when the site itself is purged. */
export async function removeSearchIndexes(siteId: string): Promise<void> {
  await Promise.all([removeKeywordIndex(siteId), removeSemanticIndex(siteId)]);
}
