import type { Role } from '../../src/lib/domain';

/**
 * The fixed sites and people of the demo. Ids are constants so tests, the dev login and bug reports
 * can name them, and so a re-seed produces the same directory.
 */

export interface DemoSite {
  id: string;
  name: string;
  description: string;
  /** Where most of the site's interactions happen; stored as the site's time zone. */
  homeTimeZone: string;
}

export interface DemoMembership {
  siteId: string;
  role: Role;
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  authSubject: string;
  memberships: readonly DemoMembership[];
  /** An organisation administrator: Ada, so the demo shows the administration screens. */
  orgAdmin: boolean;
}

// Three different UTC offsets, one of them negative and one without daylight saving, so that dates
// near midnight and DST changes show up in the demo. (Lisbon would share London's offset all year.)
export const LEEDS: DemoSite = {
  id: '517e0000-0000-4000-8000-000000000001',
  name: 'Leeds Community Hub',
  description: 'Housing advice, the food bank and youth programmes across West Yorkshire.',
  homeTimeZone: 'Europe/London'
};

export const TORONTO: DemoSite = {
  id: '517e0000-0000-4000-8000-000000000002',
  name: 'Toronto Newcomer Centre',
  description: 'Settlement support, language classes and volunteer coordination in the Greater Toronto Area.',
  homeTimeZone: 'America/Toronto'
};

export const NAIROBI: DemoSite = {
  id: '517e0000-0000-4000-8000-000000000003',
  name: 'Nairobi Field Office',
  description: 'Community health outreach, patient transport and school partnerships in Nairobi County.',
  homeTimeZone: 'Africa/Nairobi'
};

export const DEMO_SITES: readonly DemoSite[] = [LEEDS, TORONTO, NAIROBI];

function demoUser(id: string, email: string, name: string, memberships: DemoMembership[], orgAdmin = false): DemoUser {
  // The dev issuer signs tokens whose subject is `dev|<email>`; the server finds users by subject.
  return { id, email, name, authSubject: `dev|${email}`, memberships, orgAdmin };
}

export const DEMO_USERS: readonly DemoUser[] = [
  demoUser('05e40000-0000-4000-8000-000000000001', 'ada@example.org', 'Ada Lindqvist', [
    { siteId: LEEDS.id, role: 'admin' },
    { siteId: TORONTO.id, role: 'admin' }
  ], true),
  demoUser('05e40000-0000-4000-8000-000000000002', 'ben@example.org', 'Ben Carter', [
    { siteId: LEEDS.id, role: 'user' }
  ]),
  demoUser('05e40000-0000-4000-8000-000000000003', 'cleo@example.org', 'Cleo Martins', [
    { siteId: LEEDS.id, role: 'viewer' }
  ]),
  demoUser('05e40000-0000-4000-8000-000000000004', 'dev@example.org', 'Dev Raman', [
    { siteId: TORONTO.id, role: 'user' },
    { siteId: NAIROBI.id, role: 'user' }
  ]),
  demoUser('05e40000-0000-4000-8000-000000000005', 'eve@example.org', 'Eve Wanjiru', [
    { siteId: NAIROBI.id, role: 'user' }
  ])
];

/** When the demo directory "was created": before the earliest generated interaction. */
export const DIRECTORY_CREATED_AT = '2024-10-01T08:00:00.000Z';
