import type { Subscription } from 'rxjs';
import { auth } from '$lib/auth';
import { mergeInteractionState, observeInteractionState } from '$lib/db';
import type { FormErrors, FormField, InteractionFormValues } from '$lib/ui/interaction-form';
import { formValuesOf, observeRemoteChanges, shareFormEdit, unsharedFields, type TextDeltas } from './form-binding';
import { LOCAL_EDIT, LiveInteraction } from './live-interaction';
import type { LiveStatus } from './live-connection';
import type { Presence } from './presence';

export interface OpenLiveFormOptions {
  siteId: string;
  interactionId: string;
  user: { id: string; name: string };
  /** The site's interaction types, for flagging a merged record that breaks them. */
  interactionTypes: readonly string[];
  onError(error: unknown): void;
}

/**
 * The interaction form's side of live editing, as reactive state: the connection, who else is
 * here, whether the record was deleted meanwhile. The form calls `edit` and `focus`; it hears
 * others' edits through `onRemote`.
 */
export class LiveForm {
  status = $state<LiveStatus>('offline');
  others = $state<Presence[]>([]);
  deleted = $state(false);
  readonly #live: LiveInteraction;
  readonly #stored: Subscription;

  private constructor(options: OpenLiveFormOptions, storedState: Uint8Array) {
    this.#live = new LiveInteraction({
      siteId: options.siteId,
      interactionId: options.interactionId,
      storedState,
      user: options.user,
      store: async (state) => {
        await mergeInteractionState({
          siteId: options.siteId,
          id: options.interactionId,
          state,
          interactionTypes: options.interactionTypes
        });
      },
      server: { origin: location.origin, getAccessToken: () => auth.getAccessToken() },
      onStatus: (status) => (this.status = status),
      onPresence: (others) => (this.others = others),
      onError: options.onError
    });
    this.deleted = this.#live.deleted;
    this.#stored = observeInteractionState(options.siteId, options.interactionId).subscribe({
      next: (state) => {
        if (state) this.#live.absorbStored(state);
        this.deleted = this.#live.deleted;
      },
      error: options.onError
    });
  }

  /** Opens the record's live document from what this device stores; null when it has none. */
  static async open(options: OpenLiveFormOptions): Promise<LiveForm | null> {
    const state = await firstValue(options);
    return state ? new LiveForm(options, state) : null;
  }

  /** The values to start the form from: the document's, which may be ahead of the stored record. */
  values(): InteractionFormValues {
    return formValuesOf(this.#live.doc);
  }

  edit(values: InteractionFormValues, errors: FormErrors): void {
    shareFormEdit(this.#live.doc, { values, errors, origin: LOCAL_EDIT });
  }

  /**
   * Fields not saved yet: held back because they break a rule, or an emptied description, which
   * is shared but cannot be stored on this device. They are lost when the form closes.
   */
  unsaved(values: InteractionFormValues): FormField[] {
    const held = unsharedFields(this.#live.doc, values);
    return values.description === '' ? [...held, 'description'] : held;
  }

  focus(field: FormField | null): void {
    this.#live.focus(field);
  }

  /** Calls `listener` with the new values and text deltas after every edit made elsewhere. */
  onRemote(listener: (values: InteractionFormValues, deltas: TextDeltas) => void): () => void {
    return observeRemoteChanges(this.#live.doc, LOCAL_EDIT, (deltas) => {
      this.deleted = this.#live.deleted;
      listener(formValuesOf(this.#live.doc), deltas);
    });
  }

  texts(): { description: string; notes: string } {
    return this.#live.texts();
  }

  setOnline(online: boolean): void {
    this.#live.setOnline(online);
  }

  flush(): Promise<void> {
    return this.#live.flush();
  }

  async close(): Promise<void> {
    this.#stored.unsubscribe();
    await this.#live.close();
  }
}

function firstValue(options: OpenLiveFormOptions): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const subscription = observeInteractionState(options.siteId, options.interactionId).subscribe({
      next: (state) => {
        resolve(state);
        queueMicrotask(() => subscription.unsubscribe());
      },
      error: reject
    });
  });
}
