import { SyncAuthError } from './sync-api';

export interface GatedRequestHooks {
  /** The request went through. */
  succeeded(): void;
  /** Any failure but refused credentials; must throw (RxDB retries after a while). */
  failed(error: unknown): never;
  /** The server refused the credentials; the request now waits for a new sign-in. */
  signInRequired(error: SyncAuthError): void;
}

/**
 * Where a site's requests wait while the server refuses the person's credentials. A request stays
 * pending until the next sign-in and is then tried again: pausing RxDB's replication instead would
 * make it count an unsent push as done, and the change would never be sent.
 */
export class SignInGate {
  #signIns = 0;
  #waiting: { promise: Promise<void>; release: () => void } | undefined;

  async run<T>(request: () => Promise<T>, hooks: GatedRequestHooks): Promise<T> {
    for (;;) {
      const attemptedIn = this.#signIns;
      try {
        const result = await request();
        hooks.succeeded();
        return result;
      } catch (error) {
        if (!(error instanceof SyncAuthError)) hooks.failed(error);
        // Sent with the old credentials just before a new sign-in: simply try again.
        if (this.#signIns !== attemptedIn) continue;
        hooks.signInRequired(error);
        await this.nextSignIn();
      }
    }
  }

  /** Settles at the next sign-in; shared by everything waiting for it. */
  nextSignIn(): Promise<void> {
    if (!this.#waiting) {
      let release = () => {};
      const promise = new Promise<void>((resolve) => (release = resolve));
      this.#waiting = { promise, release };
    }
    return this.#waiting.promise;
  }

  /** The person signed in again: releases whatever waited. Tells whether anything did. */
  signedIn(): boolean {
    this.#signIns++;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.release();
    return waiting !== undefined;
  }
}
