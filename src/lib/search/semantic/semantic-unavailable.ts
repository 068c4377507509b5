/** No embedding model could be loaded (or it failed): semantic search is off, keyword search is not. */
export class SemanticUnavailable extends Error {
  override name = 'SemanticUnavailable';
}
