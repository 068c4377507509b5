/**
 * The semantic half as the hybrid search sees it. The semantic module (`./semantic`) is built
 * separately; until it is part of the app this stand-in reports semantic search as unavailable,
 * which is also what the app must do when no model can be loaded, so the Finder runs on keywords.
 */
export type SemanticState = 'loading' | 'indexing' | 'ready' | 'unavailable';

export interface SemanticStatus {
  state: SemanticState;
  done: number;
  total: number;
  message?: string;
}

export interface SemanticHit {
  id: string;
  siteId: string;
  score: number;
}

/** Read by components like the semantic module's reactive status object. */
export const semanticStatus: SemanticStatus = {
  state: 'unavailable',
  done: 0,
  total: 0,
  message: 'Semantic search is not part of this build.'
};

export class SemanticUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemanticUnavailableError';
  }
}

export async function semanticSearch(_siteIds: string[], _query: string, _k: number): Promise<SemanticHit[]> {
  throw new SemanticUnavailableError('Semantic search is not part of this build.');
}
