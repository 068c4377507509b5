import type { ConfirmedAction } from './save-confirmation';

export interface Confirmation {
  action: ConfirmedAction;
  siteId: string;
  id: string;
  title: string;
}

/**
 * The save or delete the Finder confirms when the form returns to it. Set by the form just before
 * it navigates, and read by the layout, which outlives the navigation.
 */
class SaveConfirmation {
  current = $state<(Confirmation & { key: number }) | null>(null);
  #count = 0;

  confirm(confirmation: Confirmation): void {
    this.current = { ...confirmation, key: ++this.#count };
  }

  dismiss(): void {
    this.current = null;
  }
}

export const saveConfirmation = new SaveConfirmation();
