import type { KeywordService } from './keyword-service';
import type { KeywordMethod, KeywordRequest, KeywordResponse } from './worker-protocol';

export type KeywordCalls = Pick<KeywordService, KeywordMethod>;

/** The keyword service in its Web Worker, called like the service itself. */
export function keywordWorkerClient(worker: Worker): KeywordCalls {
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  worker.onmessage = (event: MessageEvent<KeywordResponse>) => {
    const response = event.data;
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (!waiting) return;
    if ('error' in response) waiting.reject(new Error(`Keyword search: ${response.error}`));
    else waiting.resolve(response.result);
  };
  worker.onerror = (event) => {
    // A worker that failed to start answers nothing; fail the waiting calls instead of hanging them.
    for (const waiting of pending.values()) waiting.reject(new Error(`Keyword search worker failed: ${event.message}`));
    pending.clear();
  };

  function call<M extends KeywordMethod>(method: M, args: KeywordRequest<M>['args']): Promise<Awaited<ReturnType<KeywordService[M]>>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies KeywordRequest<M>);
    });
  }

  return {
    open: (...args) => call('open', args),
    apply: (...args) => call('apply', args),
    reset: (...args) => call('reset', args),
    search: (...args) => call('search', args),
    remove: (...args) => call('remove', args)
  };
}
