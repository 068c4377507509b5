import { defer, distinctUntilChanged, map, switchMap, type Observable } from 'rxjs';
import { base64ToBytes } from './base64';
import { toLocalInteraction, type InteractionDocument, type LocalInteraction } from './local-interaction';
import { openSiteDatabase } from './site-databases';

/** One interaction as stored now, deleted ones included (`deleted: true`); null when unknown. */
export async function getInteraction(siteId: string, id: string): Promise<LocalInteraction | null> {
  const { interactions } = await openSiteDatabase(siteId);
  const stored = await interactions.findOne(id).exec();
  return stored && toLocalInteraction(stored.toJSON() as InteractionDocument);
}

/**
 * One interaction, emitted again on every change, whether made in this tab, another tab, or by
 * sync. An RxJS Observable is also a Svelte store (`$interaction` in a component works).
 */
export function observeInteraction(siteId: string, id: string): Observable<LocalInteraction | null> {
  return defer(() => openSiteDatabase(siteId)).pipe(
    switchMap(({ interactions }) => interactions.findOne(id).$),
    map((stored) => stored && toLocalInteraction(stored.toJSON() as InteractionDocument))
  );
}

/**
 * The stored Yjs state of one interaction (encoded), emitted again whenever it changes; null when
 * unknown. Live editing seeds its document from it and merges in what sync brings.
 */
export function observeInteractionState(siteId: string, id: string): Observable<Uint8Array | null> {
  return defer(() => openSiteDatabase(siteId)).pipe(
    switchMap(({ interactions }) => interactions.findOne(id).$),
    map((stored) => (stored ? (stored.toJSON() as InteractionDocument).crdt : null)),
    distinctUntilChanged(),
    map((crdt) => (crdt === null ? null : base64ToBytes(crdt)))
  );
}
