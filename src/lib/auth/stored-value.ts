import type { AuthEnvironment } from './environment';

/** Every key auth writes starts with this, so sign-out can be sure it forgot everything. */
export const STORAGE_PREFIX = 'ims.auth.';

export interface StoredValue<T> {
  read(): T | undefined;
  write(value: T): void;
  clear(): void;
}

/**
 * One JSON value in localStorage. A value that does not parse or fails `isValid` (an older app
 * version, a hand edit) reads as absent rather than breaking the start.
 */
export function storedValue<T>(
  storage: AuthEnvironment['storage'],
  name: string,
  isValid: (value: unknown) => value is T
): StoredValue<T> {
  const key = STORAGE_PREFIX + name;
  return {
    read() {
      try {
        const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
        return isValid(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    write(value) {
      // A full or disabled storage only costs the offline start; sign-in itself still works.
      try {
        storage.setItem(key, JSON.stringify(value));
      } catch {
        return;
      }
    },
    clear() {
      storage.removeItem(key);
    }
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
