import type { KeyValueStorage } from '$lib/key-value-storage';

/**
 * localStorage in memory, with its quota: a write that would take the stored text past
 * `quotaChars` throws the browser's QuotaExceededError and changes nothing.
 */
export class MemoryStorage implements KeyValueStorage {
  readonly #items = new Map<string, string>();
  quotaChars = Number.POSITIVE_INFINITY;

  get length(): number {
    return this.#items.size;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    const others = [...this.#items].filter(([name]) => name !== key);
    const used = others.reduce((total, [name, text]) => total + name.length + text.length, 0);
    if (used + key.length + value.length > this.quotaChars) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.#items.set(key, value);
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }
}
