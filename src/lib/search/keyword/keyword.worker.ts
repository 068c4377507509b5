/// <reference lib="webworker" />
import { KeywordService } from './keyword-service';
import type { KeywordRequest, KeywordResponse } from './worker-protocol';

// Indexing and searching run here, so typing in the search box never waits for either.
const service = new KeywordService({ indexedDB });
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<KeywordRequest>) => {
  const { id, method, args } = event.data;
  let response: KeywordResponse;
  try {
    const call = service[method] as (...values: unknown[]) => Promise<unknown>;
    response = { id, result: await call.apply(service, args) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response);
};
