import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage, storageEstimate } from '$lib/db';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubStorage(storage: Partial<StorageManager> | undefined): void {
  vi.stubGlobal('navigator', storage === undefined ? {} : { storage });
}

describe('requestPersistentStorage', () => {
  it('asks the browser to persist, and reports its answer', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persisted: async () => false, persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(async () => true);
    stubStorage({ persisted: async () => true, persist });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('reports false where the browser refuses or cannot persist', async () => {
    stubStorage({ persisted: async () => false, persist: async () => false });
    expect(await requestPersistentStorage()).toBe(false);
    stubStorage(undefined);
    expect(await requestPersistentStorage()).toBe(false);
  });
});

describe('storageEstimate', () => {
  it('returns usage and quota', async () => {
    stubStorage({ estimate: async () => ({ usage: 1200, quota: 50_000 }) });
    expect(await storageEstimate()).toEqual({ usage: 1200, quota: 50_000 });
  });

  it('returns null where the browser cannot tell', async () => {
    stubStorage(undefined);
    expect(await storageEstimate()).toBeNull();
    stubStorage({ estimate: async () => ({}) });
    expect(await storageEstimate()).toBeNull();
  });
});
