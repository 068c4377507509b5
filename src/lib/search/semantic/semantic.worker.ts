/// <reference lib="webworker" />
import { SemanticEngine, type IndexingProgress } from './semantic-engine';
import { SemanticUnavailable } from './semantic-unavailable';
import { loadTransformersEmbeddings } from './transformers-embeddings';
import { deleteVectorStore, openVectorStore } from './vector-store';
import type { SemanticRequest, SemanticResponse, SemanticStatusMessage } from './worker-protocol';

// The model, the vectors and the ranking all live here: embedding takes tens of milliseconds a
// record and a 100k-record ranking more than a frame, neither of which the page may wait on.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const stores = { open: (siteId: string) => openVectorStore({ indexedDB, IDBKeyRange }, siteId), delete: (siteId: string) => deleteVectorStore(indexedDB, siteId) };
let engine: Promise<SemanticEngine> | undefined;

function post(message: SemanticResponse): void {
  scope.postMessage(message);
}

function postProgress(progress: IndexingProgress): void {
  const status: SemanticStatusMessage = progress.error
    ? { state: 'unavailable', cause: 'failed', done: progress.done, total: progress.total, message: `Semantic search stopped: ${progress.error}` }
    : { state: progress.done < progress.total ? 'indexing' : 'ready', done: progress.done, total: progress.total };
  post({ status });
}

function start(...[source]: Extract<SemanticRequest, { method: 'start' }>['args']): Promise<SemanticEngine> {
  engine ??= (async () => {
    post({ status: { state: 'loading', done: 0, total: 0 } });
    try {
      const embeddings = await loadTransformersEmbeddings(source);
      const loaded = new SemanticEngine({ embeddings, modelId: source.modelId, stores, onProgress: postProgress });
      postProgress(loaded.progress());
      return loaded;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      post({ status: { state: 'unavailable', cause: 'no-model', done: 0, total: 0, message } });
      throw error instanceof SemanticUnavailable ? error : new SemanticUnavailable(message);
    }
  })();
  return engine;
}

async function handle(request: SemanticRequest): Promise<unknown> {
  if (request.method === 'start') {
    await start(...request.args);
    return undefined;
  }
  if (!engine) throw new Error('The semantic worker was not started.');
  // A purge must delete the vectors even when no model could be loaded.
  if (request.method === 'dropSite') {
    const loaded = await engine.catch(() => undefined);
    return loaded ? loaded.dropSite(...request.args) : stores.delete(...request.args);
  }
  const loaded = await engine;
  const method = loaded[request.method] as (...values: unknown[]) => Promise<unknown>;
  return method.apply(loaded, request.args);
}

scope.onmessage = async (event: MessageEvent<SemanticRequest>) => {
  const { id } = event.data;
  try {
    post({ id, result: await handle(event.data) });
  } catch (error) {
    post({
      id,
      error: error instanceof Error ? error.message : String(error),
      unavailable: error instanceof SemanticUnavailable
    });
  }
};
