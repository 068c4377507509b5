// The semantic engine without DOM or Svelte: what Node imports (the quality evaluation, the
// benchmark, tests) to embed and rank with exactly the app's code.
export { SemanticEngine, type VectorStores, type SemanticHit, type IndexingProgress } from './semantic-engine';
export { loadTransformersEmbeddings, TransformersEmbeddings, type ModelSource } from './transformers-embeddings';
export { SemanticUnavailable } from './semantic-unavailable';
export { semanticText, textHash, type SemanticRecord, type SemanticFields } from './record-text';
export { openVectorStore, deleteVectorStore, type VectorStore, type StoredVectors, type IndexedDBApi } from './vector-store';
export { SIMILARITY_FLOOR } from './similarity-floor';
