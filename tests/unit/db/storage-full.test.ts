import { USER_ID, newSiteId } from './local-databases';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageFullError, isQuotaExceededError, queryInteractions } from '$lib/db';
import { createInteraction, deleteInteraction, updateInteraction } from '$lib/db/interaction-writes';
import { validFields } from '../../support/valid-fields';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Makes every IndexedDB put fail as a full disk does, beneath Dexie and RxDB. */
function fillTheDisk(): void {
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw quotaError();
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isQuotaExceededError', () => {
  it('finds a quota error however it is wrapped', () => {
    expect(isQuotaExceededError(quotaError())).toBe(true);
    expect(isQuotaExceededError({ name: 'DatabaseClosedError', inner: quotaError() })).toBe(true);
    expect(isQuotaExceededError({ name: 'RxError', parameters: { error: { inner: quotaError() } } })).toBe(true);
    expect(isQuotaExceededError({ parameters: { errors: [{}, { name: 'NS_ERROR_DOM_QUOTA_REACHED' }] } })).toBe(true);
    expect(isQuotaExceededError(new Error('wrapped', { cause: quotaError() }))).toBe(true);
  });

  it('does not mistake other errors, nor loop on cyclic ones', () => {
    const cyclic: Record<string, unknown> = { name: 'Error' };
    cyclic.cause = cyclic;
    expect(isQuotaExceededError(cyclic)).toBe(false);
    expect(isQuotaExceededError(new DOMException('gone', 'AbortError'))).toBe(false);
    expect(isQuotaExceededError('QuotaExceededError')).toBe(false);
    expect(isQuotaExceededError(null)).toBe(false);
  });
});

describe('writes on a full disk', () => {
  it('fail with StorageFullError, saying what to do, and store nothing', async () => {
    const siteId = newSiteId();
    const existing = await createInteraction({ siteId, userId: USER_ID, fields: validFields() });
    fillTheDisk();

    const attempts = [
      createInteraction({ siteId, userId: USER_ID, fields: validFields() }),
      updateInteraction({ siteId, id: existing.id, patch: { title: 'Changed' } }),
      deleteInteraction({ siteId, id: existing.id })
    ];

    for (const attempt of attempts) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StorageFullError);
      expect((error as Error).message).toMatch(/out of storage space.*remove a site's offline copy in Settings/);
    }
    vi.restoreAllMocks();
    const page = await queryInteractions({ siteIds: [siteId], limit: 10 });
    expect(page.rows).toEqual([existing]);
  });
});
