import { defer, map, switchMap, type Observable } from 'rxjs';
import { toLocalInteraction, type InteractionDocument, type LocalInteraction } from './local-interaction';
import { openSiteDatabase } from './site-databases';

/** Enough to list in the sync details; a site with more has a bigger problem than a list solves. */
const SHOWN = 50;

/**
 * The site's interactions whose merged state broke a rule (such as end before start): kept, and
 * listed for a person to fix. Saving a valid edit clears the flag.
 */
export function observeFlaggedForReview(siteId: string): Observable<LocalInteraction[]> {
  return defer(() => openSiteDatabase(siteId)).pipe(
    switchMap(
      (database) => database.interactions.find({ selector: { needsReview: true, isDeleted: false }, limit: SHOWN }).$
    ),
    map((documents) => documents.map((document) => toLocalInteraction(document.toJSON() as InteractionDocument)))
  );
}
