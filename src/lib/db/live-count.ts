import { getQueryMatcher, normalizeMangoQuery, type MangoQuerySelector, type RxChangeEventBulk, type RxDocumentData } from 'rxdb';
import { Observable } from 'rxjs';
import type { InteractionDocument } from './local-interaction';
import type { InteractionCollection } from './site-database';

// A burst of saves or a sync is followed by one count that checks the kept figure, once quiet for
// this long: a change that reached the count's read before its event reached us is counted twice
// until then (most likely from another tab, whose events come over a BroadcastChannel).
const VERIFY_AFTER_QUIET_MS = 2_000;

type Stored = RxDocumentData<InteractionDocument>;

/**
 * The number of the collection's records that match `selector`, counted once and then kept from
 * the change feed. RxDB counts again after every change, and IndexedDB counts by walking the
 * index: 150 ms per save at 10,000 records and 1.6 s at 100,000, in every open Finder. Here a save
 * adds or removes one in memory; a read starts only when changes arrived during a count, and once
 * after each burst, to check.
 */
export function liveCount(collection: InteractionCollection, selector: MangoQuerySelector<InteractionDocument>): Observable<number> {
  return new Observable<number>((subscriber) => {
    const schema = collection.schema.jsonSchema;
    const matcher = getQueryMatcher(schema, normalizeMangoQuery(schema, { selector }));
    const counts = (document: Stored | undefined) => document !== undefined && !document._deleted && matcher(document);
    let count: number | null = null;
    let counting = false;
    let changedWhileCounting = false;
    let verifyTimer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const countNow = (): void => {
      counting = true;
      changedWhileCounting = false;
      collection
        .count({ selector })
        .exec()
        .then(
          (counted) => {
            counting = false;
            if (closed) return;
            // A change in flight may or may not be in that figure: only a quiet count is exact.
            if (changedWhileCounting) return countNow();
            if (counted !== count) {
              count = counted;
              subscriber.next(counted);
            }
          },
          (failure: unknown) => subscriber.error(failure)
        );
    };

    const applyChanges = (bulk: RxChangeEventBulk<InteractionDocument>): void => {
      if (bulk.isLocal) return;
      if (counting || count === null) {
        changedWhileCounting = true;
        return;
      }
      let delta = 0;
      for (const event of bulk.events) {
        delta += Number(counts(event.documentData)) - Number(counts(event.previousDocumentData));
      }
      if (delta !== 0) {
        count += delta;
        subscriber.next(count);
      }
      clearTimeout(verifyTimer);
      verifyTimer = setTimeout(() => {
        if (!counting) countNow();
      }, VERIFY_AFTER_QUIET_MS);
    };

    const changes = collection.eventBulks$.subscribe((bulk) => applyChanges(bulk as RxChangeEventBulk<InteractionDocument>));
    countNow();
    return () => {
      closed = true;
      clearTimeout(verifyTimer);
      changes.unsubscribe();
    };
  });
}
