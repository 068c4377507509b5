import { untrack } from 'svelte';
import { LiveForm } from '$lib/collab/live-form.svelte';
import { observeInteraction, type LocalInteraction } from '$lib/db';
import { findInteraction } from '$lib/ui/finder-source';
import { handleError } from '$lib/ui/handle-error';

/** Which record the page shows, as its URL and the person's sites name it. */
export interface RecordAddress {
  id: string;
  /** The site the URL names; a shared link may name none, and then each site is looked in. */
  siteParam: string | null;
  siteIds: readonly string[];
}

/** Who edits the record live, and with which of the site's types. */
export interface LiveEditor {
  user: { id: string; name: string };
  interactionTypes: readonly string[];
}

export interface RecordControllerOptions {
  /** Read reactively: a new address loads another record. */
  address: () => RecordAddress;
  /** Read reactively: null while the person may not edit the record. */
  editor: () => LiveEditor | null;
  /** Read reactively: whether the live link may reach the server now. */
  online: () => boolean;
  /** A failure saving the person's live edits on this device. */
  onLiveError: (error: unknown) => void;
}

/** The record a live form is open on, by the person editing it. */
interface LiveTarget {
  siteId: string;
  interactionId: string;
  userId: string;
}

/**
 * The record an interaction page shows and its live-editing document, each opened when what it
 * depends on really changes. A session refresh with the same sites, or a new version of the same
 * record, must not reopen them: that would reload the form and lose what the person typed. Create
 * it while the page initialises, as its effects require.
 */
export class RecordController {
  /** undefined while loading; null when this device does not have it. */
  interaction = $state<LocalInteraction | null | undefined>(undefined);
  loadError = $state<string | null>(null);
  /** undefined while it opens; null when it cannot be (the form then saves with its button). */
  live = $state<LiveForm | null | undefined>(undefined);

  #options: RecordControllerOptions;
  #loaded: RecordAddress | null = null;
  #stopLoading = (): void => {};
  #liveTarget: LiveTarget | null = null;
  #closeLive = (): void => {};

  constructor(options: RecordControllerOptions) {
    this.#options = options;
    $effect(() => {
      const address = options.address();
      untrack(() => this.#load(address));
    });
    $effect(() => {
      const target = this.#liveTargetNow();
      untrack(() => this.#openLive(target));
    });
    // A record made on this device has no room on the server until replication has pushed it (the
    // server would refuse the socket), so the live link waits for the record's first server version.
    $effect(() => this.live?.setReachable({ online: options.online(), onServer: this.interaction?.onServer ?? false }));
    $effect(() => () => {
      this.#stopLoading();
      this.#closeLive();
    });
  }

  #load(address: RecordAddress): void {
    if (this.#loaded && sameAddress(this.#loaded, address)) return;
    this.#stopLoading();
    this.#loaded = address;
    this.interaction = undefined;
    this.loadError = null;
    const { id, siteParam, siteIds } = address;
    const named = siteParam && siteIds.includes(siteParam) ? siteParam : null;
    let subscription: { unsubscribe(): void } | undefined;
    let stopped = false;
    const fail = (error: unknown) => (this.loadError = handleError(error, 'opening the interaction'));
    (async () => {
      const siteId = named ?? (await findInteraction(siteIds, id))?.siteId;
      if (stopped) return;
      if (!siteId) {
        this.interaction = null;
        return;
      }
      subscription = observeInteraction(siteId, id).subscribe({
        next: (found) => (this.interaction = found),
        error: fail
      });
    })().catch(fail);
    this.#stopLoading = () => {
      stopped = true;
      subscription?.unsubscribe();
    };
  }

  #liveTargetNow(): LiveTarget | null {
    const editor = this.#options.editor();
    const record = this.interaction;
    return record && editor ? { siteId: record.siteId, interactionId: record.id, userId: editor.user.id } : null;
  }

  #openLive(target: LiveTarget | null): void {
    if (sameTarget(this.#liveTarget, target)) return;
    this.#closeLive();
    this.#closeLive = () => {};
    this.#liveTarget = target;
    const editor = this.#options.editor();
    // Opened on a record deleted already, there is nothing of the person's own to keep.
    if (!target || !editor || this.interaction?.deleted) return;
    let opened: LiveForm | null = null;
    let closed = false;
    this.live = undefined;
    LiveForm.open({
      siteId: target.siteId,
      interactionId: target.interactionId,
      user: editor.user,
      interactionTypes: editor.interactionTypes,
      onError: this.#options.onLiveError
    })
      .then((form) => {
        if (closed) void form?.close();
        else this.live = opened = form;
      })
      .catch((error: unknown) => {
        handleError(error, 'opening live editing');
        if (!closed) this.live = null;
      });
    this.#closeLive = () => {
      closed = true;
      void opened?.close();
    };
  }
}

function sameAddress(a: RecordAddress, b: RecordAddress): boolean {
  return (
    a.id === b.id &&
    a.siteParam === b.siteParam &&
    a.siteIds.length === b.siteIds.length &&
    a.siteIds.every((siteId, index) => siteId === b.siteIds[index])
  );
}

function sameTarget(a: LiveTarget | null, b: LiveTarget | null): boolean {
  if (!a || !b) return a === b;
  return a.siteId === b.siteId && a.interactionId === b.interactionId && a.userId === b.userId;
}
