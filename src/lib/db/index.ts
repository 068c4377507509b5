// The local database: one RxDB database per site, on IndexedDB. Components use only this module.
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
export {
  createInteraction,
  updateInteraction,
  deleteInteraction,
  mergeInteractionState,
  type CreateInteractionInput,
  type MergeInteractionStateInput,
  type UpdateInteractionInput,
  type DeleteInteractionInput
} from './interaction-writes';
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
export { fromServerDocument } from './replica-documents';
export { observeFlaggedForReview } from './review-flags';
