import { describe, expect, it } from 'vitest';
import { DEV_USERS } from '$lib/auth/dev-users';
import { DEMO_SITES, DEMO_USERS } from '../../../sync-server/demo/demo-directory';

describe('DEV_USERS', () => {
  it('matches the demo directory the server seeds', () => {
    // The login page names each site by its city, the first word of the demo site's name.
    const cityOf = (siteId: string) => DEMO_SITES.find((site) => site.id === siteId)?.name.split(' ')[0];
    const seeded = DEMO_USERS.map((user) => ({
      email: user.email,
      name: user.name,
      memberships: user.memberships.map(({ siteId, role }) => ({ site: cityOf(siteId), role }))
    }));
    expect(DEV_USERS).toEqual(seeded);
  });
});
