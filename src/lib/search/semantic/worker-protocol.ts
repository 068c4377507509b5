import type { IndexingProgress, SemanticEngine } from './semantic-engine';
import type { ModelSource } from './transformers-embeddings';

/** The engine's methods a page may call in the worker, plus `start`, which loads the model. */
export type SemanticMethod = 'beginScan' | 'endScan' | 'updateRecords' | 'removeRecords' | 'dropSite' | 'search';

export type SemanticRequest =
  | { id: number; method: 'start'; args: [ModelSource] }
  | { [M in SemanticMethod]: { id: number; method: M; args: Parameters<SemanticEngine[M]> } }[SemanticMethod];

/** `idle` until this device first wants meaning search (see semantic-indexing.ts). */
export type SemanticState = 'idle' | 'loading' | 'indexing' | 'ready' | 'unavailable';

/**
 * Why meaning search is unavailable, for the one plain sentence a person reads: no model could be
 * loaded, the browser cannot run it (no Web Workers), or it failed while running.
 */
export type UnavailableCause = 'no-model' | 'no-worker' | 'failed';

export interface SemanticStatusMessage extends Omit<IndexingProgress, 'error'> {
  state: SemanticState;
  /** Set with `unavailable`. */
  cause?: UnavailableCause;
  /** The technical detail, for an administrator (the console), never for the page. */
  message?: string;
}

export type SemanticResponse =
  | { id: number; result: unknown }
  | { id: number; error: string; unavailable: boolean }
  | { status: SemanticStatusMessage };
