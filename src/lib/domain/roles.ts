/** Site roles and what each may do (DESIGN §3). The server enforces this table; the UI mirrors it. */
export const ROLES = ['admin', 'user', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type SiteAction = 'read' | 'create' | 'edit' | 'delete' | 'manageMembers';

export interface Site {
  id: string;
  name: string;
  description: string | null;
  interactionTypes: string[];
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
      return role === 'admin';
  }
}
