import { followSites } from './keyword/keyword-indexing';
import { followSemanticSites, prepareSemanticSearch } from './semantic/semantic-indexing';

/** Starts keeping both indexes of these sites up to date, in the background; repeat calls are free. */
export function startSearchIndexing(siteIds: readonly string[]): void {
  followSites(siteIds);
  prepareSemanticSearch();
  followSemanticSites(siteIds);
}
