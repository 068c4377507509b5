import { SemanticUnavailable } from './semantic-unavailable';
import type { SemanticEngine } from './semantic-engine';
import type { ModelSource } from './transformers-embeddings';
import type { SemanticMethod, SemanticRequest, SemanticResponse, SemanticStatusMessage } from './worker-protocol';

export type SemanticCalls = Pick<SemanticEngine, SemanticMethod> & { start(source: ModelSource): Promise<void> };

/** The semantic engine in its Web Worker, called like the engine itself; status goes to `onStatus`. */
export function semanticWorkerClient(worker: Worker, onStatus: (status: SemanticStatusMessage) => void): SemanticCalls {
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  worker.onmessage = (event: MessageEvent<SemanticResponse>) => {
    const message = event.data;
    if ('status' in message) return onStatus(message.status);
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (!waiting) return;
    if ('error' in message) {
      waiting.reject(message.unavailable ? new SemanticUnavailable(message.error) : new Error(`Semantic search: ${message.error}`));
    } else {
      waiting.resolve(message.result);
    }
  };
  // A worker that failed to start (its script could not load) answers nothing, now or later.
  let failure: SemanticUnavailable | undefined;
  worker.onerror = (event) => {
    failure ??= new SemanticUnavailable(`The semantic search worker failed: ${event.message ?? 'its script could not be loaded'}.`);
    onStatus({ state: 'unavailable', cause: 'failed', done: 0, total: 0, message: failure.message });
    for (const waiting of pending.values()) waiting.reject(failure);
    pending.clear();
  };

  function call(method: SemanticRequest['method'], args: unknown[]): Promise<never> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });
  }

  return {
    start: (...args) => call('start', args),
    beginScan: (...args) => call('beginScan', args),
    endScan: (...args) => call('endScan', args),
    updateRecords: (...args) => call('updateRecords', args),
    removeRecords: (...args) => call('removeRecords', args),
    dropSite: (...args) => call('dropSite', args),
    search: (...args) => call('search', args)
  };
}
