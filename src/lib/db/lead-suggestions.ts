import { openSiteDatabase } from './site-databases';

/** Leads offered by the Finder's lead filter: enough to pick from, few enough for a datalist. */
export const LEAD_SUGGESTION_LIMIT = 200;

/**
 * The leads of the sites' live records, most used first (ties by name), at most `limit`. Reads every
 * record's lead once, so it is asked for when the lead field is first used, not at every render.
 */
export async function mostUsedLeads(siteIds: readonly string[], limit = LEAD_SUGGESTION_LIMIT): Promise<string[]> {
  const uses = new Map<string, number>();
  for (const siteId of new Set(siteIds)) {
    const { interactions } = await openSiteDatabase(siteId);
    const documents = await interactions.find({ selector: { isDeleted: false } }).exec();
    for (const document of documents) {
      const lead = document.lead.trim();
      if (lead !== '') uses.set(lead, (uses.get(lead) ?? 0) + 1);
    }
  }
  return [...uses]
    .sort(([leadA, usesA], [leadB, usesB]) => usesB - usesA || leadA.localeCompare(leadB))
    .slice(0, limit)
    .map(([lead]) => lead);
}
