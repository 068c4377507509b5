import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERACTION_TYPES } from '$lib/domain';
import { defaultCreateSite, deleteRefusal, siteTypes, sitesAllowing, type AccessibleSite } from '$lib/ui/site-access';

const site = (id: string, role: AccessibleSite['role'], interactionTypes: string[] = []): AccessibleSite => ({
  id,
  name: id,
  role,
  interactionTypes
});

describe('site access', () => {
  const leeds = site('leeds', 'viewer');
  const toronto = site('toronto', 'user', ['Call']);
  const nairobi = site('nairobi', 'admin');

  it('lists the sites where an action is allowed', () => {
    expect(sitesAllowing([leeds, toronto, nairobi], 'create')).toEqual([toronto, nairobi]);
  });

  it('uses the requested site only where the user may create, else their only such site', () => {
    expect(defaultCreateSite([leeds, toronto, nairobi], 'nairobi')).toBe(nairobi);
    expect(defaultCreateSite([leeds, toronto, nairobi], 'leeds')).toBeNull();
    expect(defaultCreateSite([leeds, toronto], 'leeds')).toBe(toronto);
    expect(defaultCreateSite([leeds], null)).toBeNull();
  });

  it("falls back to the domain's types for a site without its own", () => {
    expect(siteTypes(toronto)).toEqual(['Call']);
    expect(siteTypes(leeds)).toEqual(DEFAULT_INTERACTION_TYPES);
  });

  it('explains a refused delete by role and ownership', () => {
    expect(deleteRefusal('admin', false)).toBeNull();
    expect(deleteRefusal('user', true)).toBeNull();
    expect(deleteRefusal('user', false)).toMatch(/created/);
    expect(deleteRefusal('viewer', true)).toMatch(/Viewers/);
  });
});
