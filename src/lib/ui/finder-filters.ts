import type { FinderFilters } from '$lib/db';
import type { FinderUrlState } from './finder-url';
import { addMinutesToWallTime, wallTimeToInstant } from '$lib/domain/zoned-time';

/**
 * The query API's filters for a Finder URL state; the search text is not one of them, it goes to
 * `$lib/search`, which applies these same filters to its results. Days are the viewer's days: "from 3 March" means
 * from midnight on 3 March where the viewer is, and "to" includes the whole of its day.
 */
export function finderFilters(state: FinderUrlState, viewerZone: string): FinderFilters {
  const filters: FinderFilters = {};
  if (state.type) filters.type = state.type;
  if (state.lead) filters.lead = state.lead;
  const from = state.from && startOfDay(state.from, viewerZone);
  const to = state.to && startOfDay(addMinutesToWallTime(`${state.to}T00:00`, 24 * 60)?.slice(0, 10), viewerZone);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

function startOfDay(day: string | undefined, zone: string): string | undefined {
  return day ? wallTimeToInstant(`${day}T00:00`, zone)?.iso : undefined;
}
