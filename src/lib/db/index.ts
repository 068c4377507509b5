// The local database: one RxDB database per site, on IndexedDB. Components use this module to open
// and read it, and ./interaction-writes to write: a write builds the record's CRDT (Yjs), which the
// Finder's first paint does not need and so does not download.
export { ValidationError, InteractionNotFoundError } from './errors';
export { StorageFullError, isQuotaExceededError } from './storage-full';
export { requestPersistentStorage, storageEstimate, type StorageUsage } from './device-storage';
export type { InteractionDocument, LocalInteraction } from './local-interaction';
export {
  configureLocalDatabases,
  openSiteDatabase,
  closeSiteDatabase,
  closeAllSiteDatabases,
  removeSiteDatabase,
  type LocalDatabasesConfig
} from './site-databases';
export { siteDatabaseName, type SiteDatabase } from './site-database';
export { getInteraction, observeInteraction, observeInteractionState } from './interaction-reads';
export { countUnsynced, observeUnsyncedCount } from './unsynced-changes';
export { queryInteractions, observeQuery, observeFirstRows, observeCount, type FinderQuery, type FinderPage } from './finder-query';
export type { FinderFilters } from './finder-plan';
export { leadMatcher } from './lead-match';
export { mostUsedLeads, LEAD_SUGGESTION_LIMIT } from './lead-suggestions';
export {
  DEFAULT_FINDER_SORT,
  FINDER_SORT_FIELDS,
  type FinderSort,
  type FinderSortField
} from './finder-sorts';
export { observeFlaggedForReview } from './review-flags';
