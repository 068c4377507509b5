/** Site roles and what each may do (DESIGN §3). The server enforces this table; the UI mirrors it. */
export const ROLES = ['admin', 'user', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Any role may be offered in an invitation, admin included: a new site's first admin is often invited. */
export const INVITABLE_ROLES = ROLES;

/**
 * Invitations need `manageMembers`. Organisation administration is not in this table: it is a flag
 * on the user, and an organisation administrator may do on every site what a site admin may.
 */
export type SiteAction = 'read' | 'create' | 'edit' | 'delete' | 'manageMembers' | 'manageTypes' | 'readAudit';

export interface Site {
  id: string;
  name: string;
  description: string | null;
  interactionTypes: string[];
  /** Types removed from the site: still valid on the records that have them, not offered for new ones. */
  retiredInteractionTypes?: string[];
  /** IANA zone the site works in. Optional: a session stored by an older version of the app lacks it. */
  timeZone?: string;
}

export interface SiteMembership {
  site: Site;
  role: Role;
}

/**
 * Whether a role may take an action in its site. `isOwner` matters only for delete: a user may
 * delete what they created, an admin anything.
 */
export function roleAllows(role: Role, action: SiteAction, isOwner = false): boolean {
  switch (action) {
    case 'read':
      return true;
    case 'create':
    case 'edit':
      return role !== 'viewer';
    case 'delete':
      return role === 'admin' || (role === 'user' && isOwner);
    case 'manageMembers':
    case 'manageTypes':
    case 'readAudit':
      return role === 'admin';
  }
}
