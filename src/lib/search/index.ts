// Offline search over the local records: keyword (minisearch, in a worker), meaning, and both fused.
export { searchInteractions, searchInStages, type SearchRequest, type SearchHit, type SearchAnswer } from './search-interactions';
export { startSearchIndexing } from './start-search-indexing';
export { onKeywordIndexChange as onSearchIndexChange } from './keyword/keyword-indexing';
export { removeSearchIndexes } from './remove-search-indexes';
export { highlightSegments, type TextSegment } from './highlight';
export type { FusedHit, RankedId } from './fusion';
export { semanticStatus } from './semantic/semantic-status.svelte';
export { wantSemanticSearch } from './semantic/semantic-indexing';
export type { SemanticStatusMessage as SemanticStatus } from './semantic/worker-protocol';
export { SEARCH_MODES, SEARCH_MODE_LABELS, type SearchMode } from './search-modes';
