export interface DebouncedSaverOptions {
  /** Writes the latest state; it is called again only after the previous call settled. */
  save(): Promise<void>;
  delayMs: number;
  /** A failed write; the next change or flush tries again. */
  onError(error: unknown): void;
}

/**
 * Coalesces a burst of changes into one write, so typing does not write every keystroke, while
 * never running two writes at once (the second would read a state the first has not stored).
 */
export class DebouncedSaver {
  readonly #options: DebouncedSaverOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #dirty = false;

  constructor(options: DebouncedSaverOptions) {
    this.#options = options;
  }

  get pending(): boolean {
    return this.#dirty || this.#running !== undefined;
  }

  schedule(): void {
    this.#dirty = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#options.delayMs);
  }

  /** Writes now whatever is waiting, and resolves once everything changed so far is stored. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#running) await this.#running;
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#running = this.#options
      .save()
      .catch((error: unknown) => {
        this.#dirty = true;
        this.#options.onError(error);
      })
      .finally(() => (this.#running = undefined));
    await this.#running;
  }
}
