import type { KeywordService } from './keyword-service';

/** The service's methods a page may call in the worker. */
export type KeywordMethod = 'open' | 'apply' | 'reset' | 'search' | 'remove';

export interface KeywordRequest<M extends KeywordMethod = KeywordMethod> {
  id: number;
  method: M;
  args: Parameters<KeywordService[M]>;
}

export type KeywordResponse = { id: number; result: unknown } | { id: number; error: string };
