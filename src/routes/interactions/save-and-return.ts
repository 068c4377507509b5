import { goto } from '$app/navigation';
import { ValidationError } from '$lib/db';
import { finderReturnUrl } from '$lib/ui/finder-return';
import { handleError } from '$lib/ui/handle-error';
import { errorsByField, type FormErrors } from '$lib/ui/interaction-form';
import type { LeaveGuard } from '$lib/ui/leave-guard.svelte';
import { saveConfirmation } from '$lib/ui/save-confirmation.svelte';

/** The record a save stored, as the confirmation names it. */
export interface SavedRecord {
  siteId: string;
  id: string;
  title: string;
}

export interface SaveAndReturnOptions {
  /** Stores the form's values. */
  store: () => Promise<SavedRecord>;
  /** Let through once stored, so that returning to the Finder does not ask to discard. */
  guard: LeaveGuard;
  /** Shows a failure that belongs to no field; null clears it as the save starts. */
  onfailure: (message: string | null) => void;
  /** A failure the page already shows by itself (a record deleted meanwhile): nothing more to say. */
  shownByPage?: (error: unknown) => boolean;
}

/**
 * Saves a record and returns to the Finder, which confirms the save beside the row. Resolves with
 * the errors of fields the store refused, for the form to show; other failures go to `onfailure`.
 */
export async function saveAndReturn(options: SaveAndReturnOptions): Promise<FormErrors | undefined> {
  options.onfailure(null);
  try {
    const saved = await options.store();
    options.guard.allow();
    saveConfirmation.confirm({ action: 'saved', ...saved });
    await goto(finderReturnUrl(saved.id));
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return errorsByField(error.errors);
    if (!options.shownByPage?.(error)) options.onfailure(handleError(error, 'saving the interaction'));
    return undefined;
  }
}
