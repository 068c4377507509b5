export interface StorageUsage {
  /** Bytes this origin uses. */
  usage: number;
  /** Bytes this origin may use. */
  quota: number;
}

/**
 * Asks the browser to keep this origin's data under storage pressure instead of evicting it,
 * which would lose unsynced changes. Resolves false when refused or unsupported.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  if (await storage.persisted?.()) return true;
  return storage.persist();
}

/** How much this origin stores and may store; null where the browser cannot tell. */
export async function storageEstimate(): Promise<StorageUsage | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return null;
  const { usage, quota } = await storage.estimate();
  return usage === undefined || quota === undefined ? null : { usage, quota };
}
