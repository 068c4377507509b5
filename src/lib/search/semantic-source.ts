/**
 * The semantic half as the hybrid search sees it: the semantic module (`./semantic`), whose
 * search rejects with `SemanticUnavailable` when no model can be loaded, so the Finder runs on
 * keywords then.
 */
export {
  semanticSearch,
  semanticStatus,
  followSemanticSites,
  wantSemanticSearch,
  SemanticUnavailable,
  type SemanticHit,
  type SemanticState,
  type SemanticStatus
} from './semantic';
