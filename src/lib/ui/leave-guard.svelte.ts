import { beforeNavigate, goto } from '$app/navigation';

/**
 * Asks before leaving a page with unsaved changes. Navigations inside the app wait for the
 * person's answer in the page's own dialog (`asking`); closing the tab or leaving the site gets the
 * browser's own prompt, the only one a page may show then. Create it while the component
 * initialises, as `beforeNavigate` requires.
 */
export class LeaveGuard {
  /** Show the "discard changes?" dialog while true. */
  asking = $state(false);

  #isDirty: () => boolean;
  #resume: (() => void) | null = null;
  #allowed = false;

  constructor(isDirty: () => boolean) {
    this.#isDirty = isDirty;
    beforeNavigate((navigation) => {
      if (this.#allowed || !this.#isDirty()) return;
      navigation.cancel();
      // Cancelling a 'leave' makes the browser ask; its answer needs nothing from us.
      if (navigation.type === 'leave') return;
      const target = navigation.to?.url;
      if (navigation.type === 'popstate') {
        const delta = navigation.delta;
        this.#resume = () => history.go(delta);
      } else if (target && navigation.willUnload) {
        this.#resume = () => location.assign(target);
      } else if (target) {
        this.#resume = () => void goto(target);
      } else {
        this.#resume = null;
      }
      this.asking = true;
    });
  }

  /** The person chose to discard their changes: carry on where they were going. */
  discard(): void {
    this.asking = false;
    this.#allowed = true;
    this.#resume?.();
    this.#resume = null;
  }

  /** The person chose to keep editing. */
  stay(): void {
    this.asking = false;
    this.#resume = null;
  }

  /** Lets navigations through from now on, e.g. once the changes are saved or deleted. */
  allow(): void {
    this.#allowed = true;
  }
}
