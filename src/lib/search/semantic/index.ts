// Offline semantic search for pages: a sentence-embedding model in a Web Worker, vectors per
// record on the device, cosine ranking. Node code (tests, evaluation, benchmark) imports './core',
// the same engine without the worker, the DOM or Svelte state — and nothing here pulls the model
// runtime into the page's own bundle.
export { semanticSearch, followSemanticSites, removeSemanticIndex, wantSemanticSearch, prepareSemanticSearch } from './semantic-indexing';
export { semanticStatus } from './semantic-status.svelte';
export { SemanticUnavailable } from './semantic-unavailable';
export { SIMILARITY_FLOOR } from './similarity-floor';
export type { SemanticHit } from './semantic-engine';
export type { SemanticState, SemanticStatusMessage as SemanticStatus } from './worker-protocol';
