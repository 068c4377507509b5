/** The model used when the server has never named one (the server's own default). */
export const DEFAULT_EMBEDDING_MODEL = 'Xenova/all-MiniLM-L6-v2';
const STORAGE_KEY = 'ims.search.embedding-model';
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The embedding model the server names in /api/config, remembered on the device so an offline
 * start uses the model it used before (whose files the service worker holds).
 */
export async function embeddingModelId(fetchConfig: () => Promise<unknown> = fetchClientConfig): Promise<string> {
  try {
    const named = modelIdIn(await fetchConfig());
    if (named) {
      remember(named);
      return named;
    }
  } catch {
    // Offline or the server is down: the remembered model is the one whose files are cached.
  }
  return recall() ?? DEFAULT_EMBEDDING_MODEL;
}

async function fetchClientConfig(): Promise<unknown> {
  const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/config answered ${response.status}`);
  return response.json();
}

function modelIdIn(config: unknown): string | undefined {
  const id = (config as { search?: { embeddingModel?: unknown } } | null)?.search?.embeddingModel;
  return typeof id === 'string' && MODEL_ID.test(id) ? id : undefined;
}

function remember(id: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, id);
  } catch {
    // Without storage the next offline start uses the default; nothing is lost but the choice.
  }
}

function recall(): string | undefined {
  try {
    const id = globalThis.localStorage?.getItem(STORAGE_KEY);
    return id && MODEL_ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
