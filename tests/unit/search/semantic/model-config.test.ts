import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EMBEDDING_MODEL, embeddingModelId } from '$lib/search/semantic/model-config';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
    key: (index) => [...values.keys()][index] ?? null,
    get length() {
      return values.size;
    }
  };
}

const offline = () => Promise.reject(new TypeError('Failed to fetch'));

describe('embeddingModelId', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage(), configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('takes the model the server names', async () => {
    expect(await embeddingModelId(async () => ({ search: { embeddingModel: 'local/tiny' } }))).toBe('local/tiny');
  });

  it('uses the model named before when the server cannot be reached', async () => {
    await embeddingModelId(async () => ({ search: { embeddingModel: 'local/tiny' } }));
    expect(await embeddingModelId(offline)).toBe('local/tiny');
  });

  it('falls back to the default model when it never heard of one', async () => {
    expect(await embeddingModelId(offline)).toBe(DEFAULT_EMBEDDING_MODEL);
  });

  it('ignores a malformed model id from the server', async () => {
    expect(await embeddingModelId(async () => ({ search: { embeddingModel: '../../etc' } }))).toBe(DEFAULT_EMBEDDING_MODEL);
  });
});
