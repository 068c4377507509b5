// Offline semantic search: a sentence-embedding model in a Web Worker, vectors per record on the
// device, cosine ranking. Pages use this module; the engine below it also runs in Node.
// Node code imports './core' instead: this module starts a worker and holds Svelte state.
export { semanticSearch, followSemanticSites, removeSemanticIndex } from './semantic-indexing';
export { semanticStatus } from './semantic-status.svelte';
export type { SemanticState, SemanticStatusMessage as SemanticStatus } from './worker-protocol';
export * from './core';
