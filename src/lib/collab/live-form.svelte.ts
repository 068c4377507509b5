import type { Subscription } from 'rxjs';
import { auth } from '$lib/auth';
import { observeInteractionState, openSiteDatabase } from '$lib/db';
import { mergeInteractionState } from '$lib/db/interaction-writes';
import { OPTIONAL_INTERACTION_FIELDS, TEXT_FIELDS } from '$lib/domain';
import { browserStorage } from '$lib/key-value-storage';
import type { FormErrors, FormField, InteractionFormValues } from '$lib/ui/interaction-form';
import { anchorComposition, commitComposition, type CompositionAnchor } from './composition';
import { EditJournal } from './edit-journal';
import { formValuesOf, observeRemoteChanges, shareFormEdit, unsharedFields, type TextDeltas, type TextField } from './form-binding';
import { LOCAL_EDIT, LiveInteraction } from './live-interaction';
import type { LiveStatus } from './live-connection';
import type { OverwrittenChoice } from './overwritten-choices';
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
/**
 * Where the form's live link stands: the connection's state, or `unsent` for a record made on this
 * device that has not reached the server yet (the server has no room for it; replication sends it).
 */
export type LiveFormStatus = LiveStatus | 'unsent';

export class LiveForm {
  #connection = $state<LiveStatus>('offline');
  #onServer = $state(true);
  others = $state<Presence[]>([]);
  deleted = $state(false);
  /** This person has edits of this visit to undo. */
  canUndo = $state(false);
  /** This person's choices that another's, made at the same time, replaced; shown until they choose again. */
  overwritten = $state<OverwrittenChoice[]>([]);
  readonly #live: LiveInteraction;
  readonly #stored: Subscription;

  private constructor(options: OpenLiveFormOptions, storedState: Uint8Array, journal: EditJournal | undefined) {
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
      onStatus: (status) => (this.#connection = status),
      onPresence: (others) => (this.others = others),
      onUndoable: (canUndo) => (this.canUndo = canUndo),
      onOverwritten: (choice) => (this.overwritten = [...this.overwritten.filter(({ field }) => field !== choice.field), choice]),
      onError: options.onError,
      journal
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
    return state ? new LiveForm(options, state, await editJournal(options)) : null;
  }

  /** The values to start the form from: the document's, which may be ahead of the stored record. */
  values(): InteractionFormValues {
    return formValuesOf(this.#live.doc);
  }

  /** Shares the form's values; `caret` is where the caret is in the text just typed in, if any. */
  edit(values: InteractionFormValues, errors: FormErrors, caret?: { field: TextField; position: number }): void {
    shareFormEdit(this.#live.doc, { values, errors, origin: LOCAL_EDIT, caret });
  }

  /** Reverts this person's own edits since they opened the record, leaving everyone else's. */
  undoMyEdits(): void {
    this.overwritten = [];
    this.#live.undoMyEdits();
  }

  /** The person has seen, or answered by choosing again, that their choice was replaced. */
  acknowledgeOverwritten(field: OverwrittenChoice['field']): void {
    this.overwritten = this.overwritten.filter((choice) => choice.field !== field);
  }

  /** A composition starts in a text field; the form shares nothing of that field until it ends. */
  beginComposition(field: TextField, before: string, selection: { start: number; end: number }): CompositionAnchor {
    return anchorComposition(this.#live.doc, { field, before, selection });
  }

  /**
   * Shares what a composition committed, at its place among the edits others made meanwhile;
   * returns the field's text and caret to show, or undefined when it was not one composition.
   */
  endComposition(anchor: CompositionAnchor, after: string): { text: string; caret: number } | undefined {
    return commitComposition(this.#live.doc, anchor, after, LOCAL_EDIT);
  }

  /**
   * Fields not saved yet: held back because they break a rule, or a required text emptied, which
   * is shared but cannot be stored on this device. They are lost when the form closes.
   */
  unsaved(values: InteractionFormValues): FormField[] {
    const blank = TEXT_FIELDS.filter((field) => !OPTIONAL_INTERACTION_FIELDS.has(field) && values[field] === '');
    return [...unsharedFields(this.#live.doc, values), ...blank];
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

  get status(): LiveFormStatus {
    return this.#onServer ? this.#connection : 'unsent';
  }

  /**
   * Connects while the device can reach the server (online and signed in) and the record is on it;
   * until its first push the record has no room there, and the socket would be refused.
   */
  setReachable(options: { online: boolean; onServer: boolean }): void {
    this.#onServer = options.onServer;
    this.#live.setOnline(options.online && options.onServer);
  }

  flush(): Promise<void> {
    return this.#live.flush();
  }

  async close(): Promise<void> {
    this.#stored.unsubscribe();
    await this.#live.close();
  }
}

/** The record's journal on this device; none where localStorage is disabled. */
async function editJournal(options: OpenLiveFormOptions): Promise<EditJournal | undefined> {
  const storage = browserStorage();
  if (!storage) return undefined;
  const database = await openSiteDatabase(options.siteId);
  return new EditJournal({
    storage,
    siteId: options.siteId,
    interactionId: options.interactionId,
    databaseToken: await database.rxDatabase.storageToken,
    onError: options.onError
  });
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
