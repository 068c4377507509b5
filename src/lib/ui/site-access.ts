import { DEFAULT_INTERACTION_TYPES, roleAllows, type Role, type SiteAction } from '$lib/domain';

/** What the UI needs of a session site (`SessionSite` from `$lib/auth` fits). */
export interface AccessibleSite {
  id: string;
  name: string;
  role: Role;
  interactionTypes: readonly string[];
}

/** The sites where the role allows the action, in the session's order. */
export function sitesAllowing<T extends AccessibleSite>(sites: readonly T[], action: SiteAction): T[] {
  return sites.filter((site) => roleAllows(site.role, action));
}

/** The site's interaction types, or the domain's default list when the site has none of its own. */
export function siteTypes(site: Pick<AccessibleSite, 'interactionTypes'> | undefined): readonly string[] {
  return site && site.interactionTypes.length > 0 ? site.interactionTypes : DEFAULT_INTERACTION_TYPES;
}

/**
 * Where a new interaction goes: the `?site=` one if the user may create there, else their only
 * site that allows it. Null means the person has to choose (or cannot create at all).
 */
export function defaultCreateSite<T extends AccessibleSite>(sites: readonly T[], requested: string | null): T | null {
  const creatable = sitesAllowing(sites, 'create');
  return creatable.find((site) => site.id === requested) ?? (creatable.length === 1 ? creatable[0] : null);
}

/** Why a delete is refused, for the person to read next to the disabled button; null if allowed. */
export function deleteRefusal(role: Role, isOwner: boolean): string | null {
  if (roleAllows(role, 'delete', isOwner)) return null;
  return role === 'viewer'
    ? "Viewers can't delete interactions."
    : 'Only a site admin or the person who created this interaction can delete it.';
}
