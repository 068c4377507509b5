import type { AuditAction, Role } from '$lib/domain';

/** A person as administration screens name them. */
export interface Person {
  userId: string;
  email: string;
  name: string;
}

/** A site as an administrator sees it (GET /api/sites/managed, /api/admin/sites, /api/sites/:id/settings). */
export interface ManagedSite {
  id: string;
  name: string;
  description: string | null;
  timeZone: string;
  interactionTypes: string[];
  retiredInteractionTypes: string[];
  archivedAt: string | null;
  createdAt: string;
  admins: Person[];
  memberCount: number;
  /** The caller's own role in the site; null when they manage it as organisation administrator only. */
  role: Role | null;
}

export interface Member extends Person {
  role: Role;
}

export interface Invitation {
  id: string;
  siteId: string;
  email: string;
  role: Role;
  invitedBy: { userId: string; name: string };
  createdAt: string;
}

/** What an invitation did: wait for a first sign-in, or make an existing account a member at once. */
export type InviteOutcome = { outcome: 'invited'; invitation: Invitation } | { outcome: 'added'; member: Member };

export interface AuditEntry {
  id: string;
  siteId: string | null;
  siteName: string | null;
  action: AuditAction;
  /** Who acted; userId and email are null for an account since deleted or a change the system made. */
  actor: { userId: string | null; name: string; email: string | null };
  subject: { userId?: string; email?: string; name?: string } | null;
  details: Record<string, unknown>;
  at: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
}

export interface Administrators {
  administrators: Person[];
  /** Grants waiting for the person's first sign-in. */
  pending: { email: string; createdAt: string }[];
}

/** A grant takes effect at once for an existing account, or waits for that address's first sign-in. */
export type GrantOutcome = { outcome: 'granted'; administrator: Person } | { outcome: 'pending'; email: string };

/** The settings a new site is created with (POST /api/sites). */
export interface NewSite {
  name: string;
  description: string | null;
  timeZone: string;
  interactionTypes: string[];
}

export type SiteChange = Partial<NewSite>;
