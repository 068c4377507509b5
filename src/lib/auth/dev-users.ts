import type { Role } from '$lib/domain';

export interface DevUser {
  email: string;
  name: string;
  /** Site (by city) and role, to pick the right person when trying out a role. */
  memberships: { site: string; role: Role }[];
}

/**
 * The demo directory the server seeds (sync-server/demo/demo-directory.ts), for one-click dev
 * sign-in. A copy because the app must not import the server; tests/unit/auth/dev-users.test.ts
 * fails when the two drift apart.
 */
export const DEV_USERS: readonly DevUser[] = [
  {
    email: 'ada@example.org',
    name: 'Ada Lindqvist',
    memberships: [
      { site: 'Leeds', role: 'admin' },
      { site: 'Toronto', role: 'admin' }
    ]
  },
  { email: 'ben@example.org', name: 'Ben Carter', memberships: [{ site: 'Leeds', role: 'user' }] },
  { email: 'cleo@example.org', name: 'Cleo Martins', memberships: [{ site: 'Leeds', role: 'viewer' }] },
  {
    email: 'dev@example.org',
    name: 'Dev Raman',
    memberships: [
      { site: 'Toronto', role: 'user' },
      { site: 'Nairobi', role: 'user' }
    ]
  },
  { email: 'eve@example.org', name: 'Eve Wanjiru', memberships: [{ site: 'Nairobi', role: 'user' }] }
];
