import { removeKeywordIndex } from './keyword/keyword-indexing';

/** Deletes what search keeps on the device for a site, when the site itself is purged. */
export async function removeSearchIndexes(siteId: string): Promise<void> {
  await removeKeywordIndex(siteId);
}
